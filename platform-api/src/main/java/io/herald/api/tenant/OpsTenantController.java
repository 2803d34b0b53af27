package io.herald.api.tenant;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.api.web.ProblemException;
import io.herald.core.audit.Actor;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantManagement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator endpoints for tenants: create one (with its first API key, shown only here)
 * and list them.
 */
@RestController
@RequestMapping("/api/v1/ops/tenants")
class OpsTenantController {

	private final TenantManagement tenants;

	OpsTenantController(TenantManagement tenants) {
		this.tenants = tenants;
	}

	@PostMapping
	ResponseEntity<CreatedTenantResponse> create(@Valid @RequestBody CreateTenantRequest request,
			Authentication operator) {
		CreatedTenant created;
		try {
			created = this.tenants.create(request.slug(), request.name().trim(), Actor.user(operator.getName()));
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalid("slug", ex.getMessage());
		}
		Tenant tenant = created.tenant();
		return ResponseEntity.created(URI.create("/api/v1/ops/tenants/" + tenant.getId()))
			.body(new CreatedTenantResponse(tenant.getId(), tenant.getSlug(), tenant.getName(), created.apiKey()));
	}

	@GetMapping
	TenantList list() {
		return new TenantList(this.tenants.list()
			.stream()
			.map((tenant) -> new TenantResponse(tenant.getId(), tenant.getSlug(), tenant.getName(),
					tenant.getDefaultLocale(), tenant.getCreatedAt()))
			.toList());
	}

	record CreateTenantRequest(@NotBlank @Size(max = 63) String slug, @NotBlank @Size(max = 200) String name) {
	}

	record CreatedTenantResponse(UUID id, String slug, String name, String apiKey) {
	}

	record TenantResponse(UUID id, String slug, String name, String defaultLocale, Instant createdAt) {
	}

	record TenantList(List<TenantResponse> items) {
	}

}
