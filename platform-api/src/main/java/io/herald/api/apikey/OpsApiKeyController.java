package io.herald.api.apikey;

import java.util.UUID;

import io.herald.api.apikey.ApiKeyEndpoints.CreateApiKeyRequest;
import io.herald.api.apikey.ApiKeyEndpoints.CreatedApiKey;
import io.herald.api.apikey.ApiKeyEndpoints.RotateRequest;
import io.herald.api.web.ProblemException;
import io.herald.core.apikey.ApiKeyView;
import io.herald.core.audit.Actor;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.herald.core.tenant.TenantManagement;
import io.herald.core.tenant.TenantScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators manage any tenant's API keys, with the same operations as the tenant has.
 */
@Tag(name = "Operators: API keys", description = "Any tenant's API keys")
@RestController
@RequestMapping("/api/v1/ops/tenants/{slug}/api-keys")
class OpsApiKeyController {

	private final ApiKeyEndpoints endpoints;

	private final TenantManagement tenants;

	OpsApiKeyController(ApiKeyEndpoints endpoints, TenantManagement tenants) {
		this.endpoints = endpoints;
		this.tenants = tenants;
	}

	@Operation(summary = "Issue an API key for a tenant")
	@PostMapping
	ResponseEntity<CreatedApiKey> create(@PathVariable String slug, @Valid @RequestBody CreateApiKeyRequest request,
			Authentication operator) {
		return this.endpoints.create(scope(slug, operator), request, base(slug));
	}

	/** Oldest first. */
	@Operation(summary = "List a tenant's API keys")
	@GetMapping
	Page<ApiKeyView> list(@PathVariable String slug, Authentication operator,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		return this.endpoints.list(scope(slug, operator), PageQuery.of(limit, cursor));
	}

	@Operation(summary = "Get a tenant's API key")
	@GetMapping("/{id}")
	ApiKeyView get(@PathVariable String slug, @PathVariable UUID id, Authentication operator) {
		return this.endpoints.get(scope(slug, operator), id);
	}

	@Operation(summary = "Revoke a tenant's API key")
	@DeleteMapping("/{id}")
	ResponseEntity<Void> revoke(@PathVariable String slug, @PathVariable UUID id, Authentication operator) {
		return this.endpoints.revoke(scope(slug, operator), id);
	}

	@Operation(summary = "Rotate a tenant's API key")
	@PostMapping("/{id}/rotate")
	ResponseEntity<CreatedApiKey> rotate(@PathVariable String slug, @PathVariable UUID id,
			@Valid @RequestBody(required = false) RotateRequest request, Authentication operator) {
		return this.endpoints.rotate(scope(slug, operator), id, request, base(slug));
	}

	/** The tenant as the operator acts on it; 404 for an unknown slug. */
	private TenantScope scope(String slug, Authentication operator) {
		UUID tenantId = this.tenants.findBySlug(slug).orElseThrow(() -> ProblemException.notFound("Tenant")).getId();
		return new TenantScope(tenantId, Actor.user(operator.getName()));
	}

	private static String base(String slug) {
		return "/api/v1/ops/tenants/" + slug + "/api-keys";
	}

}
