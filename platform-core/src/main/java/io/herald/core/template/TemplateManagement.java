package io.herald.core.template;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.core.audit.AuditLog;
import io.herald.core.channel.Channel;
import io.herald.core.error.FieldProblem;
import io.herald.core.error.InvalidInputException;
import io.herald.core.error.NotFoundException;
import io.herald.core.support.InputRules;
import io.herald.core.tenant.TenantScope;
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

	/**
	 * @throws NotFoundException when the tenant has no such template version
	 */
	@Transactional(readOnly = true)
	public TemplateView get(TenantScope scope, UUID id) {
		return TemplateView.of(find(scope, id));
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
