package io.herald.core.tenant;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.herald.core.apikey.ApiKeyManagement;
import io.herald.core.audit.Actor;
import io.herald.core.audit.AuditLog;
import io.herald.core.error.InvalidInputException;
import io.herald.core.support.Page;
import io.herald.core.support.PageCursor;
import io.herald.core.support.PageQuery;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists, changes, suspends and resumes tenants and sets their ingest quota; the
 * facade of the tenant feature.
 */
@Service
public class TenantManagement {

	private static final String LIST = "tenants";

	private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

	private final TenantRepository tenants;

	private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,4}");

	private final ApiKeyManagement apiKeys;

	private final AuditLog audit;

	private final Clock clock;

	TenantManagement(TenantRepository tenants, ApiKeyManagement apiKeys, AuditLog audit, Clock clock) {
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
		String key = this.apiKeys.issueWithAllScopes(tenant.getId(), "default", actor).secret();
		this.audit.append(actor, tenant.getId(), "tenant.created", "tenant", tenant.getId().toString(),
				java.util.Map.of("slug", slug));
		return new CreatedTenant(tenant, key);
	}

	@Transactional(readOnly = true)
	public List<Tenant> list() {
		return this.tenants.findAllByOrderBySlugAsc();
	}

	/** A page of every tenant, by slug. */
	@Transactional(readOnly = true)
	public Page<TenantView> page(PageQuery query) {
		return Page
			.of(this.tenants.pageBySlug(query.afterText(LIST), query.fetchSize()), query,
					(tenant) -> PageCursor.of(LIST, tenant.getSlug()))
			.map(TenantView::of);
	}

	@Transactional(readOnly = true)
	public Optional<Tenant> find(java.util.UUID id) {
		return this.tenants.findById(id);
	}

	@Transactional(readOnly = true)
	public Optional<Tenant> findBySlug(String slug) {
		return this.tenants.findBySlug(slug);
	}

	/**
	 * Applies the changes; empty when there is no such tenant.
	 * @throws InvalidInputException when a change is invalid
	 */
	@Transactional
	public Optional<TenantView> update(String slug, TenantChanges changes, Actor actor) {
		if (changes.name() != null && (changes.name().isBlank() || changes.name().length() > 200)) {
			throw InvalidInputException.of("name", "must be 1-200 characters");
		}
		if (changes.defaultLocale() != null
				&& (changes.defaultLocale().length() > 35 || !LOCALE.matcher(changes.defaultLocale()).matches())) {
			throw InvalidInputException.of("defaultLocale", "must be a BCP 47 language tag such as en or pt-BR");
		}
		return change(slug, actor, "tenant.updated", (tenant) -> {
			if (changes.name() != null) {
				tenant.rename(changes.name().strip());
			}
			if (changes.defaultLocale() != null) {
				tenant.changeDefaultLocale(changes.defaultLocale());
			}
		});
	}

	/**
	 * Suspends the tenant (again is harmless): its API keys are refused and its
	 * notifications held until it is resumed.
	 */
	@Transactional
	public Optional<TenantView> suspend(String slug, Actor actor) {
		return change(slug, actor, "tenant.suspended", (tenant) -> {
			if (!tenant.isSuspended()) {
				tenant.suspend(this.clock.instant());
			}
		});
	}

	@Transactional
	public Optional<TenantView> resume(String slug, Actor actor) {
		return change(slug, actor, "tenant.resumed", Tenant::resume);
	}

	/** Sets the ingest quota; null removes it. */
	@Transactional
	public Optional<TenantView> limit(String slug, IngestLimits limits, Actor actor) {
		return change(slug, actor, "tenant.limits-set", (tenant) -> tenant.limit(limits));
	}

	@Transactional(readOnly = true)
	public Optional<TenantView> view(String slug) {
		return this.tenants.findBySlug(slug).map(TenantView::of);
	}

	private Optional<TenantView> change(String slug, Actor actor, String action, Consumer<Tenant> change) {
		return this.tenants.findBySlug(slug).map((tenant) -> {
			TenantView before = TenantView.of(tenant);
			change.accept(tenant);
			TenantView after = TenantView.of(tenant);
			if (!before.equals(after)) {
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("before", before);
				details.put("after", after);
				this.audit.append(actor, tenant.getId(), action, "tenant", tenant.getId().toString(), details);
			}
			return after;
		});
	}

}
