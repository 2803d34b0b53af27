package io.herald.core.template;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.herald.core.audit.AuditLog;
import io.herald.core.channel.Channel;
import io.herald.core.error.ConflictException;
import io.herald.core.error.FieldProblem;
import io.herald.core.error.InvalidInputException;
import io.herald.core.error.NotFoundException;
import io.herald.core.support.Ids;
import io.herald.core.support.InputRules;
import io.herald.core.support.Page;
import io.herald.core.support.PageCursor;
import io.herald.core.support.PageQuery;
import io.herald.core.tenant.TenantScope;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's templates, the facade of the feature: stores immutable versions after
 * checking that their Liquid parses.
 */
@Service
public class TemplateManagement {

	/** The locale of a template created without one. */
	public static final String DEFAULT_LOCALE = "en";

	private static final String LIST = "templates";

	private static final String VERSIONS = "template-versions";

	private static final String HISTORY = "template-history";

	private final TemplateRepository templates;

	private final TemplateRenderer renderer;

	private final InputRules rules;

	private final AuditLog audit;

	private final Clock clock;

	TemplateManagement(TemplateRepository templates, TemplateRenderer renderer, InputRules rules, AuditLog audit,
			Clock clock) {
		this.templates = templates;
		this.renderer = renderer;
		this.rules = rules;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Stores the next version of the draft's name, channel and locale.
	 * @throws InvalidInputException for a bad field, including Liquid that does not parse
	 */
	@Transactional
	public TemplateView create(TenantScope scope, TemplateDraft draft) {
		this.rules.check(draft);
		Channel channel = Channel.parse("channel", draft.channel());
		String locale = (draft.locale() != null) ? draft.locale() : DEFAULT_LOCALE;
		checkLiquid(draft);
		int version = this.templates.latestVersion(scope.tenantId(), draft.name(), channel, locale) + 1;
		Template template = this.templates.saveAndFlush(new Template(scope.tenantId(), draft.name(), channel, locale,
				version, draft.subject(), draft.body(), this.clock.instant()));
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("name", template.getName());
		details.put("channel", channel.name());
		details.put("locale", locale);
		details.put("version", version);
		if (version > 1) {
			// templates are immutable versions: a change publishes the next one
			details.put("before", Map.of("version", version - 1));
			details.put("after", Map.of("version", version));
		}
		this.audit.append(scope.actor(), scope.tenantId(), "template.created", "template", template.getId().toString(),
				details);
		return TemplateView.of(template);
	}

	/** The newest version of every template (name, channel, locale). */
	@Transactional(readOnly = true)
	public List<TemplateView> latestVersions(TenantScope scope) {
		return this.templates.findLatestVersions(scope.tenantId()).stream().map(TemplateView::of).toList();
	}

	/** A page of the newest version of every template, by (name, channel, locale). */
	@Transactional(readOnly = true)
	public Page<TemplateView> latestVersions(TenantScope scope, PageQuery query) {
		List<String> after = query.after(LIST, 3).map(PageCursor::keys).orElse(List.of("", "", ""));
		return Page
			.of(this.templates.pageLatest(scope.tenantId(), after.get(0), after.get(1), after.get(2),
					query.fetchSize()), query,
					(t) -> PageCursor.of(LIST, t.getName(), t.getChannel().name(), t.getLocale()))
			.map(TemplateView::of);
	}

	/**
	 * A page of the versions of a name, by channel, locale and version (oldest first).
	 * @param channel only this channel, or null for all
	 * @param locale only this locale, or null for all
	 * @throws NotFoundException when the tenant has no template of that name
	 */
	@Transactional(readOnly = true)
	public Page<TemplateView> versions(TenantScope scope, String name, Channel channel, String locale,
			PageQuery query) {
		if (!this.templates.existsByTenantIdAndName(scope.tenantId(), name)) {
			throw new NotFoundException("Template");
		}
		var after = query.after(VERSIONS, 3);
		List<Template> rows = this.templates.pageVersions(scope.tenantId(), name,
				(channel != null) ? channel.name() : "", (locale != null) ? locale : "",
				after.map((c) -> c.text(0)).orElse(""), after.map((c) -> c.text(1)).orElse(""),
				after.isPresent() ? after.get().number(2) : 0, query.fetchSize());
		return Page
			.of(rows, query, (t) -> PageCursor.of(VERSIONS, t.getChannel().name(), t.getLocale(), t.getVersion()))
			.map(TemplateView::of);
	}

	/**
	 * A page of the versions of one name, channel and locale, newest first (the console's
	 * Versions page).
	 * @throws NotFoundException when the tenant has no template of that name
	 * @throws InvalidInputException for a cursor this list did not hand out
	 */
	@Transactional(readOnly = true)
	public Page<TemplateView> history(TenantScope scope, String name, Channel channel, String locale, PageQuery query) {
		if (!this.templates.existsByTenantIdAndName(scope.tenantId(), name)) {
			throw new NotFoundException("Template");
		}
		int before = query.after(HISTORY, 1).map((cursor) -> cursor.number(0)).orElse(Integer.MAX_VALUE);
		List<Template> rows = this.templates.pageHistory(scope.tenantId(), name, channel.name(), locale, before,
				query.fetchSize());
		return Page.of(rows, query, (t) -> PageCursor.of(HISTORY, t.getVersion())).map(TemplateView::of);
	}

	/**
	 * @throws NotFoundException when the tenant has no such template version
	 */
	@Transactional(readOnly = true)
	public TemplateView get(TenantScope scope, UUID id) {
		return TemplateView.of(find(scope, id));
	}

	/**
	 * One version by id, or the newest version of a name (narrowed by channel and locale
	 * when the name has several).
	 * @throws NotFoundException when the tenant has no such template
	 * @throws InvalidInputException when the name has several channels or locales and
	 * they were not narrowed to one
	 */
	@Transactional(readOnly = true)
	public TemplateView get(TenantScope scope, String idOrName, Channel channel, String locale) {
		Optional<Template> byId = Ids.parse(idOrName)
			.flatMap((id) -> this.templates.findByIdAndTenantId(id, scope.tenantId()));
		if (byId.isPresent()) {
			return TemplateView.of(byId.get());
		}
		TemplateVariant variant = single(idOrName, variants(scope, idOrName, channel, locale));
		return TemplateView.of(latest(scope, idOrName, variant));
	}

	/**
	 * Publishes the subject and body of an earlier version as the next version of the
	 * same name, channel and locale; earlier versions stay as they are.
	 * @param idOrName a version's id, or the name (narrowed by channel and locale when it
	 * has several)
	 * @throws NotFoundException when the template or the version does not exist
	 */
	@Transactional
	public TemplateView rollback(TenantScope scope, String idOrName, Channel channel, String locale,
			TemplateRollback request) {
		if (request == null || request.version() == null || request.version() < 1) {
			throw InvalidInputException.of("version", "must be a version number (1 or more)");
		}
		Template current = Ids.parse(idOrName)
			.flatMap((id) -> this.templates.findByIdAndTenantId(id, scope.tenantId()))
			.orElseGet(() -> latest(scope, idOrName, single(idOrName, variants(scope, idOrName, channel, locale))));
		Template source = this.templates
			.findByTenantIdAndNameAndChannelAndLocaleAndVersion(scope.tenantId(), current.getName(),
					current.getChannel(), current.getLocale(), request.version())
			.orElseThrow(() -> new NotFoundException("Template version"));
		int version = this.templates.latestVersion(scope.tenantId(), current.getName(), current.getChannel(),
				current.getLocale()) + 1;
		Template published = this.templates
			.saveAndFlush(new Template(scope.tenantId(), source.getName(), source.getChannel(), source.getLocale(),
					version, source.getSubject(), source.getBody(), this.clock.instant()));
		this.audit.append(scope.actor(), scope.tenantId(), "template.rolled-back", "template",
				published.getId().toString(),
				Map.of("name", published.getName(), "channel", published.getChannel().name(), "locale",
						published.getLocale(), "version", version, "fromVersion", source.getVersion(), "fromId",
						source.getId().toString()));
		return TemplateView.of(published);
	}

	/**
	 * Deletes every version of the name on the channels and locales given (all of them
	 * when not narrowed); a version id stands for its name, channel and locale.
	 * @throws NotFoundException when nothing matches
	 * @throws ConflictException while a subscription renders the name on one of those
	 * channels, or a notification was rendered from one of the versions
	 */
	@Transactional
	public void delete(TenantScope scope, String idOrName, Channel channel, String locale) {
		Optional<Template> byId = Ids.parse(idOrName)
			.flatMap((id) -> this.templates.findByIdAndTenantId(id, scope.tenantId()));
		String name = byId.map(Template::getName).orElse(idOrName);
		List<TemplateVariant> variants = byId.map((t) -> List.of(new TemplateVariant(t.getChannel(), t.getLocale())))
			.orElseGet(() -> variants(scope, idOrName, channel, locale));
		for (TemplateVariant variant : variants) {
			if (this.templates.isSubscribed(scope.tenantId(), name, variant.channel().name())) {
				throw new ConflictException("Template '" + name + "' is used by a subscription on " + variant.channel()
						+ ": change or delete the subscriptions first");
			}
			if (this.templates.isInHistory(scope.tenantId(), name, variant.channel().name(), variant.locale())) {
				throw new ConflictException("Template '" + name + "' (" + variant.channel() + ", " + variant.locale()
						+ ") was used for notifications: delivery history keeps it");
			}
		}
		try {
			for (TemplateVariant variant : variants) {
				int deleted = this.templates.deleteVariant(scope.tenantId(), name, variant.channel(), variant.locale());
				this.audit.append(scope.actor(), scope.tenantId(), "template.deleted", "template", name, Map.of("name",
						name, "channel", variant.channel().name(), "locale", variant.locale(), "versions", deleted));
			}
		}
		catch (DataIntegrityViolationException ex) {
			// a notification rendered since the check
			throw new ConflictException(
					"Template '" + name + "' was used for notifications: delivery history keeps it");
		}
	}

	/** The variants of a name, narrowed by channel and locale when given. */
	private List<TemplateVariant> variants(TenantScope scope, String name, Channel channel, String locale) {
		List<TemplateVariant> found = this.templates.findVariants(scope.tenantId(), name)
			.stream()
			.filter((v) -> channel == null || v.channel() == channel)
			.filter((v) -> locale == null || v.locale().equals(locale))
			.sorted(Comparator.comparing((TemplateVariant v) -> v.channel().name())
				.thenComparing(TemplateVariant::locale))
			.toList();
		if (found.isEmpty()) {
			throw new NotFoundException("Template");
		}
		return found;
	}

	private static TemplateVariant single(String name, List<TemplateVariant> variants) {
		if (variants.size() > 1) {
			throw InvalidInputException.of("channel", "template '" + name + "' has " + variants.size()
					+ " channels and locales " + variants + ": give channel and locale");
		}
		return variants.get(0);
	}

	private Template latest(TenantScope scope, String name, TemplateVariant variant) {
		return this.templates
			.findTopByTenantIdAndNameAndChannelAndLocaleOrderByVersionDesc(scope.tenantId(), name, variant.channel(),
					variant.locale())
			.orElseThrow(() -> new NotFoundException("Template"));
	}

	Template find(TenantScope scope, UUID id) {
		return this.templates.findByIdAndTenantId(id, scope.tenantId())
			.orElseThrow(() -> new NotFoundException("Template"));
	}

	private void checkLiquid(TemplateDraft draft) {
		List<FieldProblem> errors = new ArrayList<>();
		check("subject", draft.subject(), errors);
		check("body", draft.body(), errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
	}

	private void check(String field, String source, List<FieldProblem> errors) {
		if (source == null) {
			return;
		}
		try {
			this.renderer.check(source);
		}
		catch (TemplateException ex) {
			errors.add(new FieldProblem(field, ex.getMessage()));
		}
	}

}
