package io.herald.api.tenant;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.herald.api.web.ProblemException;
import io.herald.core.audit.Actor;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.herald.core.tenant.CreatedTenant;
import io.herald.core.tenant.IngestLimits;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantChanges;
import io.herald.core.tenant.TenantManagement;
import io.herald.core.tenant.TenantView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator endpoints for tenants: create one (with its first API key, shown only here),
 * list, read and change them, suspend and resume them, and set their ingest quota.
 */
@Tag(name = "Operators: tenants", description = "Create, change, suspend tenants and set their quotas")
@RestController
@RequestMapping(OpsTenantController.BASE)
class OpsTenantController {

	static final String BASE = "/api/v1/ops/tenants";

	private final TenantManagement tenants;

	OpsTenantController(TenantManagement tenants) {
		this.tenants = tenants;
	}

	@Operation(summary = "Create a tenant",
			description = "Answers the tenant's first API key (every scope), shown only here.")
	@PostMapping
	ResponseEntity<CreatedTenantResponse> create(@Valid @RequestBody CreateTenantRequest request,
			Authentication operator) {
		CreatedTenant created;
		try {
			created = this.tenants.create(request.slug(), request.name().trim(), actor(operator));
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalid("slug", ex.getMessage());
		}
		Tenant tenant = created.tenant();
		return ResponseEntity.created(URI.create(BASE + "/" + tenant.getSlug()))
			.body(new CreatedTenantResponse(tenant.getId(), tenant.getSlug(), tenant.getName(), created.apiKey()));
	}

	/** By slug. */
	@Operation(summary = "List tenants")
	@GetMapping
	Page<TenantResponse> list(@RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return this.tenants.page(PageQuery.of(limit, cursor)).map(TenantResponse::of);
	}

	@Operation(summary = "Get a tenant")
	@GetMapping("/{slug}")
	TenantResponse get(@PathVariable String slug) {
		return found(() -> this.tenants.view(slug));
	}

	/** Changes the fields given; absent ones stay as they are. */
	@Operation(summary = "Change some of a tenant's fields")
	@PatchMapping("/{slug}")
	TenantResponse patch(@PathVariable String slug, @Valid @RequestBody TenantPatch patch, Authentication operator) {
		return update(slug, new TenantChanges(patch.name(), patch.defaultLocale()), operator);
	}

	/** Replaces the changeable fields: both are required. */
	@Operation(summary = "Replace a tenant's fields")
	@PutMapping("/{slug}")
	TenantResponse put(@PathVariable String slug, @Valid @RequestBody TenantReplacement replacement,
			Authentication operator) {
		return update(slug, new TenantChanges(replacement.name(), replacement.defaultLocale()), operator);
	}

	/** Refuses the tenant's API keys (403) and holds its notifications until resumed. */
	@Operation(summary = "Suspend a tenant",
			description = "Its keys get 403 tenant-suspended; the worker holds its notifications until it is resumed.")
	@PostMapping("/{slug}/suspend")
	TenantResponse suspend(@PathVariable String slug, Authentication operator) {
		return found(() -> this.tenants.suspend(slug, actor(operator)));
	}

	@Operation(summary = "Resume a tenant")
	@PostMapping("/{slug}/resume")
	TenantResponse resume(@PathVariable String slug, Authentication operator) {
		return found(() -> this.tenants.resume(slug, actor(operator)));
	}

	@Operation(summary = "Get a tenant's ingest quota")
	@GetMapping("/{slug}/limits")
	LimitsResponse limits(@PathVariable String slug) {
		return found(() -> this.tenants.view(slug)).limits();
	}

	/**
	 * Sets the ingest quota shared by all API instances; {@code burst} defaults to one
	 * second's worth. Both null removes the quota.
	 */
	@Operation(summary = "Set a tenant's ingest quota",
			description = "Events per second and burst, enforced across API instances; {} removes the quota.")
	@PutMapping("/{slug}/limits")
	LimitsResponse setLimits(@PathVariable String slug, @Valid @RequestBody LimitsRequest request,
			Authentication operator) {
		IngestLimits limits = null;
		if (request.eventsPerSecond() != null) {
			limits = new IngestLimits(request.eventsPerSecond(),
					(request.burst() != null) ? request.burst() : request.eventsPerSecond());
		}
		else if (request.burst() != null) {
			throw ProblemException.invalid("eventsPerSecond", "is required with burst");
		}
		IngestLimits set = limits;
		return found(() -> this.tenants.limit(slug, set, actor(operator))).limits();
	}

	private TenantResponse update(String slug, TenantChanges changes, Authentication operator) {
		return found(() -> this.tenants.update(slug, changes, actor(operator)));
	}

	private static TenantResponse found(Supplier<Optional<TenantView>> lookup) {
		return lookup.get().map(TenantResponse::of).orElseThrow(() -> ProblemException.notFound("Tenant"));
	}

	private static Actor actor(Authentication operator) {
		return Actor.user(operator.getName());
	}

	record CreateTenantRequest(@NotBlank @Size(max = 63) String slug, @NotBlank @Size(max = 200) String name) {
	}

	record TenantPatch(@Size(min = 1, max = 200) String name, @Size(min = 1, max = 35) String defaultLocale) {
	}

	record TenantReplacement(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 35) String defaultLocale) {
	}

	record LimitsRequest(@Min(1) @Max(IngestLimits.MAX_EVENTS_PER_SECOND) Integer eventsPerSecond,
			@Min(1) @Max(IngestLimits.MAX_BURST) Integer burst) {
	}

	record CreatedTenantResponse(UUID id, String slug, String name, String apiKey) {
	}

	record TenantResponse(UUID id, String slug, String name, String defaultLocale, Instant createdAt, boolean suspended,
			Instant suspendedAt, LimitsResponse limits) {

		static TenantResponse of(TenantView tenant) {
			return new TenantResponse(tenant.id(), tenant.slug(), tenant.name(), tenant.defaultLocale(),
					tenant.createdAt(), tenant.suspendedAt() != null, tenant.suspendedAt(),
					LimitsResponse.of(tenant.ingestLimits()));
		}

	}

	/** Both null when the tenant has no quota. */
	record LimitsResponse(Integer eventsPerSecond, Integer burst) {

		static LimitsResponse of(IngestLimits limits) {
			return (limits != null) ? new LimitsResponse(limits.eventsPerSecond(), limits.burst())
					: new LimitsResponse(null, null);
		}

	}

}
