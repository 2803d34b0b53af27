package io.herald.api.template;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.api.apikey.ApiCaller;
import io.herald.api.web.Channels;
import io.herald.api.web.FieldProblem;
import io.herald.api.web.ProblemException;
import io.herald.core.audit.AuditLog;
import io.herald.core.channel.Channel;
import io.herald.core.template.Template;
import io.herald.core.template.TemplateException;
import io.herald.core.template.TemplateRenderer;
import io.herald.core.template.TemplateRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores immutable template versions after checking that their Liquid parses.
 */
@Service
class TemplateManagement {

	static final String DEFAULT_LOCALE = "en";

	private final TemplateRepository templates;

	private final TemplateRenderer renderer;

	private final AuditLog audit;

	private final Clock clock;

	TemplateManagement(TemplateRepository templates, TemplateRenderer renderer, AuditLog audit, Clock clock) {
		this.templates = templates;
		this.renderer = renderer;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	TemplateResponse create(ApiCaller caller, TemplateRequest request) {
		Channel channel = Channels.parse("channel", request.channel());
		String locale = (request.locale() != null) ? request.locale() : DEFAULT_LOCALE;
		checkLiquid(request);
		int version = this.templates.latestVersion(caller.tenantId(), request.name(), channel, locale) + 1;
		Template template = this.templates.saveAndFlush(new Template(caller.tenantId(), request.name(), channel, locale,
				version, request.subject(), request.body(), this.clock.instant()));
		this.audit.append(caller.actor(), caller.tenantId(), "template.created", "template",
				template.getId().toString(),
				Map.of("name", template.getName(), "channel", channel.name(), "locale", locale, "version", version));
		return TemplateResponse.of(template);
	}

	@Transactional(readOnly = true)
	List<TemplateResponse> latestVersions(ApiCaller caller) {
		return this.templates.findLatestVersions(caller.tenantId()).stream().map(TemplateResponse::of).toList();
	}

	@Transactional(readOnly = true)
	Template find(ApiCaller caller, UUID id) {
		return this.templates.findByIdAndTenantId(id, caller.tenantId())
			.orElseThrow(() -> ProblemException.notFound("Template"));
	}

	private void checkLiquid(TemplateRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		check("subject", request.subject(), errors);
		check("body", request.body(), errors);
		if (!errors.isEmpty()) {
			throw ProblemException.invalid(errors);
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
