package io.herald.api.recipient;

import io.herald.api.apikey.ApiCaller;
import io.herald.core.recipient.RecipientManagement;
import io.herald.core.recipient.RecipientProfile;
import io.herald.core.recipient.RecipientView;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recipient profiles, addressed by the tenant's own id for the user (the id events carry
 * in {@code subject}).
 */
@Tag(name = "Recipients", description = "Recipient profiles: addresses, push tokens, locale and opt-outs")
@RestController
@RequestMapping("/api/v1/recipients")
class RecipientController {

	private final RecipientManagement recipients;

	RecipientController(RecipientManagement recipients) {
		this.recipients = recipients;
	}

	/** 201 when the profile is new, 200 when it replaced one. */
	@Operation(summary = "Create or replace a recipient",
			description = "Scope `config:write`. 201 when new, 200 when replaced; the body replaces the whole profile.")
	@PutMapping("/{externalId}")
	ResponseEntity<RecipientView> upsert(@AuthenticationPrincipal ApiCaller caller,
			@PathVariable @Size(max = 200) @Pattern(regexp = "[^,\\s]+") String externalId,
			@Valid @RequestBody RecipientProfile request) {
		RecipientView.Upserted upserted = this.recipients.upsert(caller.scope(), externalId, request);
		return ResponseEntity.status(upserted.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(upserted.recipient());
	}

	@Operation(summary = "List recipients", description = "Scope `config:read`. By external id, paged.")
	@GetMapping
	Page<RecipientView> list(@AuthenticationPrincipal ApiCaller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return this.recipients.page(caller.scope(), PageQuery.of(limit, cursor));
	}

	@Operation(summary = "Get a recipient", description = "Scope `config:read`.")
	@GetMapping("/{externalId}")
	RecipientView get(@AuthenticationPrincipal ApiCaller caller, @PathVariable String externalId) {
		return this.recipients.get(caller.scope(), externalId);
	}

	/** Erases the profile and scrubs its addresses from delivery history; 204. */
	@Operation(summary = "Erase a recipient",
			description = "Scope `config:write`. Erases the profile and scrubs its addresses from delivery history; idempotent and audited.")
	@DeleteMapping("/{externalId}")
	ResponseEntity<Void> erase(@AuthenticationPrincipal ApiCaller caller, @PathVariable String externalId) {
		this.recipients.erase(caller.scope(), externalId);
		return ResponseEntity.noContent().build();
	}

}
