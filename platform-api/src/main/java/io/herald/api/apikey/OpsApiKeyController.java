package io.herald.api.apikey;

import java.util.UUID;

import io.herald.api.apikey.ApiKeyEndpoints.ApiKeyList;
import io.herald.api.apikey.ApiKeyEndpoints.CreateApiKeyRequest;
import io.herald.api.apikey.ApiKeyEndpoints.CreatedApiKey;
import io.herald.api.apikey.ApiKeyEndpoints.RotateRequest;
import io.herald.api.web.ProblemException;
import io.herald.core.apikey.ApiKeyView;
import io.herald.core.audit.Actor;
import io.herald.core.tenant.TenantManagement;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators manage any tenant's API keys, with the same operations as the tenant has.
 */
@RestController
@RequestMapping("/api/v1/ops/tenants/{slug}/api-keys")
class OpsApiKeyController {

	private final ApiKeyEndpoints endpoints;

	private final TenantManagement tenants;

	OpsApiKeyController(ApiKeyEndpoints endpoints, TenantManagement tenants) {
		this.endpoints = endpoints;
		this.tenants = tenants;
	}

	@PostMapping
	ResponseEntity<CreatedApiKey> create(@PathVariable String slug, @Valid @RequestBody CreateApiKeyRequest request,
			Authentication operator) {
		return this.endpoints.create(tenantId(slug), request, Actor.user(operator.getName()), base(slug));
	}

	@GetMapping
	ApiKeyList list(@PathVariable String slug) {
		return this.endpoints.list(tenantId(slug));
	}

	@GetMapping("/{id}")
	ApiKeyView get(@PathVariable String slug, @PathVariable UUID id) {
		return this.endpoints.get(tenantId(slug), id);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> revoke(@PathVariable String slug, @PathVariable UUID id, Authentication operator) {
		return this.endpoints.revoke(tenantId(slug), id, Actor.user(operator.getName()));
	}

	@PostMapping("/{id}/rotate")
	ResponseEntity<CreatedApiKey> rotate(@PathVariable String slug, @PathVariable UUID id,
			@Valid @RequestBody(required = false) RotateRequest request, Authentication operator) {
		return this.endpoints.rotate(tenantId(slug), id, request, Actor.user(operator.getName()), base(slug));
	}

	private UUID tenantId(String slug) {
		return this.tenants.findBySlug(slug).orElseThrow(() -> ProblemException.notFound("Tenant")).getId();
	}

	private static String base(String slug) {
		return "/api/v1/ops/tenants/" + slug + "/api-keys";
	}

}
