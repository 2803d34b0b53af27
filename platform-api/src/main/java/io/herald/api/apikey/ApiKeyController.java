package io.herald.api.apikey;

import java.util.UUID;

import io.herald.api.apikey.ApiKeyEndpoints.CreateApiKeyRequest;
import io.herald.api.apikey.ApiKeyEndpoints.CreatedApiKey;
import io.herald.api.apikey.ApiKeyEndpoints.RotateRequest;
import io.herald.core.apikey.ApiKeyView;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The calling tenant's API keys (scope {@code keys:admin}).
 */
@Tag(name = "API keys", description = "A tenant's API keys: issue, list, revoke, rotate")
@RestController
@RequestMapping(ApiKeyController.BASE)
class ApiKeyController {

	static final String BASE = "/api/v1/api-keys";

	private final ApiKeyEndpoints endpoints;

	ApiKeyController(ApiKeyEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	/** Issues a key; the response is the only place its full text appears. */
	@Operation(summary = "Issue an API key", description = "Scope `keys:admin`. The key is shown once, in this answer.")
	@PostMapping
	ResponseEntity<CreatedApiKey> create(@AuthenticationPrincipal ApiCaller caller,
			@Valid @RequestBody CreateApiKeyRequest request) {
		return this.endpoints.create(caller.scope(), request, BASE);
	}

	/** Oldest first. */
	@Operation(summary = "List API keys", description = "Scope `keys:admin`. Prefixes only, never keys.")
	@GetMapping
	Page<ApiKeyView> list(@AuthenticationPrincipal ApiCaller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return this.endpoints.list(caller.scope(), PageQuery.of(limit, cursor));
	}

	@Operation(summary = "Get an API key", description = "Scope `keys:admin`.")
	@GetMapping("/{id}")
	ApiKeyView get(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id) {
		return this.endpoints.get(caller.scope(), id);
	}

	/** Revokes the key: it is refused within the API's lookup-cache time. */
	@Operation(summary = "Revoke an API key",
			description = "Scope `keys:admin`. The key gets 401 within the lookup-cache time.")
	@DeleteMapping("/{id}")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id) {
		return this.endpoints.revoke(caller.scope(), id);
	}

	/** Issues a successor; the old key keeps working for the grace period. */
	@Operation(summary = "Rotate an API key",
			description = "Scope `keys:admin`. Issues a successor; the old key keeps working for graceSeconds.")
	@PostMapping("/{id}/rotate")
	ResponseEntity<CreatedApiKey> rotate(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id,
			@Valid @RequestBody(required = false) RotateRequest request) {
		return this.endpoints.rotate(caller.scope(), id, request, BASE);
	}

}
