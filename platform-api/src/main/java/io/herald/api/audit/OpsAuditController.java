package io.herald.api.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.herald.api.web.ProblemException;
import io.herald.core.audit.AuditSearch.AuditPage;
import io.herald.core.audit.AuditSearch.AuditQuery;
import io.herald.core.audit.AuditSearch.AuditRecord;
import io.herald.core.audit.AuditSearch;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operators' view of the audit log across tenants ({@code ?tenant=slug} narrows it to
 * one); every entry names its tenant's slug (none for Herald's own entries).
 */
@Tag(name = "Operators: audit", description = "The audit log across tenants")
@RestController
@RequestMapping("/api/v1/ops/audit")
class OpsAuditController {

	private final AuditSearch search;

	private final TenantRepository tenants;

	private final JsonMapper json;

	OpsAuditController(AuditSearch search, TenantRepository tenants, JsonMapper json) {
		this.search = search;
		this.tenants = tenants;
		this.json = json;
	}

	@Operation(summary = "Read every tenant's audit log",
			description = "Or one tenant's with ?tenant=slug; every entry names its tenant.")
	@GetMapping
	AuditResponses.AuditList list(@RequestParam(required = false) @Size(max = 100) String tenant,
			@RequestParam(required = false) @Size(max = 200) String action,
			@RequestParam(required = false) @Size(max = 200) String entityType,
			@RequestParam(required = false) @Size(max = 200) String entityId,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(required = false) @Size(max = 100) String cursor,
			@RequestParam(defaultValue = "" + AuditResponses.DEFAULT_LIMIT) @Min(1) @Max(500) int limit) {
		Optional<UUID> tenantId = Optional.empty();
		if (tenant != null && !tenant.isBlank()) {
			tenantId = Optional.of(this.tenants.findBySlug(tenant.strip())
				.orElseThrow(() -> ProblemException.notFound("Tenant"))
				.getId());
		}
		AuditPage page = AuditResponses.search(this.search, tenantId,
				new AuditQuery(action, entityType, entityId, from, to), cursor, limit);
		Set<UUID> shown = page.items()
			.stream()
			.map(AuditRecord::tenantId)
			.filter(Objects::nonNull)
			.collect(Collectors.toSet());
		Map<UUID, String> slugs = this.tenants.findAllById(shown)
			.stream()
			.collect(Collectors.toMap(Tenant::getId, Tenant::getSlug));
		return AuditResponses.list(this.json, page, slugs);
	}

}
