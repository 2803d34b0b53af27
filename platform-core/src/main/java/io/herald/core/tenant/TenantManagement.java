package io.herald.core.tenant;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.herald.core.apikey.ApiKeys;
import io.herald.core.audit.Actor;
import io.herald.core.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and lists tenants; the facade of the tenant feature.
 */
@Service
public class TenantManagement {

	private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

	private final TenantRepository tenants;

	private final ApiKeys apiKeys;

	private final AuditLog audit;

	private final Clock clock;

	TenantManagement(TenantRepository tenants, ApiKeys apiKeys, AuditLog audit, Clock clock) {
		this.tenants = tenants;
		this.apiKeys = apiKeys;
		this.audit = audit;
		this.clock = clock;
	}

	private static boolean isValidSlug(String slug) {
		return slug != null && SLUG.matcher(slug).matches();
	}

	@Transactional
	public CreatedTenant create(String slug, String name, Actor actor) {
		if (!isValidSlug(slug)) {
			throw new IllegalArgumentException("slug must be lower-case letters, digits and dashes (1-63)");
		}
		if (this.tenants.existsBySlug(slug)) {
			throw new DuplicateTenantException(slug);
		}
		Tenant tenant = this.tenants.saveAndFlush(new Tenant(slug, name, "en", this.clock.instant()));
		String key = this.apiKeys.issue(tenant.getId(), "default", actor);
		this.audit.append(actor, tenant.getId(), "tenant.created", "tenant", tenant.getId().toString(),
				java.util.Map.of("slug", slug));
		return new CreatedTenant(tenant, key);
	}

	@Transactional(readOnly = true)
	public List<Tenant> list() {
		return this.tenants.findAllByOrderBySlugAsc();
	}

	@Transactional(readOnly = true)
	public Optional<Tenant> find(java.util.UUID id) {
		return this.tenants.findById(id);
	}

	@Transactional(readOnly = true)
	public Optional<Tenant> findBySlug(String slug) {
		return this.tenants.findBySlug(slug);
	}

}
