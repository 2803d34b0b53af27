package io.herald.api.audit;

import java.time.Instant;
import java.util.Optional;

import io.herald.api.apikey.ApiCaller;
import io.herald.core.audit.AuditSearch.AuditQuery;
import io.herald.core.audit.AuditSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The caller's tenant's audit log: who changed what and when, newest first, a page at a
 * time. Needs {@code config:read}.
 */
@Tag(name = "Audit", description = "The append-only audit log: who changed what and when")
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

	private final AuditSearch search;

	private final JsonMapper json;

	AuditController(AuditSearch search, JsonMapper json) {
		this.search = search;
		this.json = json;
	}

	@Operation(summary = "Read the tenant's audit log",
			description = "Scope `config:read`. Newest first, a page at a time.")
	@GetMapping
	AuditResponses.AuditList list(@AuthenticationPrincipal ApiCaller caller,
			@RequestParam(required = false) @Size(max = 200) String action,
			@RequestParam(required = false) @Size(max = 200) String entityType,
			@RequestParam(required = false) @Size(max = 200) String entityId,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(required = false) @Size(max = 100) String cursor,
			@RequestParam(defaultValue = "" + AuditResponses.DEFAULT_LIMIT) @Min(1) @Max(500) int limit) {
		return AuditResponses.list(this.json, AuditResponses.search(this.search, Optional.of(caller.tenantId()),
				new AuditQuery(action, entityType, entityId, from, to), cursor, limit), null);
	}

}
