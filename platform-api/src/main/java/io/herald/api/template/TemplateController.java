package io.herald.api.template;

import java.net.URI;
import java.util.UUID;

import io.herald.api.apikey.ApiCaller;
import io.herald.core.channel.Channel;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.herald.core.template.RenderedTemplate;
import io.herald.core.template.TemplateDraft;
import io.herald.core.template.TemplateManagement;
import io.herald.core.template.TemplatePreview;
import io.herald.core.template.TemplatePreviewRequest;
import io.herald.core.template.TemplateRollback;
import io.herald.core.template.TemplateView;
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

@Tag(name = "Templates",
		description = "Liquid templates per channel and locale; every change is a new immutable version")
@RestController
@RequestMapping("/api/v1/templates")
class TemplateController {

	private final TemplateManagement templates;

	private final TemplatePreview preview;

	TemplateController(TemplateManagement templates, TemplatePreview preview) {
		this.templates = templates;
		this.preview = preview;
	}

	@Operation(summary = "Publish a template version",
			description = "Scope `config:write`. Stores the next version of (name, channel, locale); Liquid that does not parse, or exceeds the render budgets, is a 400.")
	@PostMapping
	ResponseEntity<TemplateView> create(@AuthenticationPrincipal ApiCaller caller,
			@Valid @RequestBody TemplateDraft request) {
		TemplateView created = this.templates.create(caller.scope(), request);
		return ResponseEntity.created(URI.create("/api/v1/templates/" + created.id())).body(created);
	}

	/** The newest version of every template, by (name, channel, locale). */
	@Operation(summary = "List templates (newest versions)", description = "Scope `config:read`.")
	@GetMapping
	Page<TemplateView> list(@AuthenticationPrincipal ApiCaller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return this.templates.latestVersions(caller.scope(), PageQuery.of(limit, cursor));
	}

	@Operation(summary = "Get a template version by id, or the newest version by name",
			description = "Scope `config:read`. A name with several channels or locales needs `channel` and `locale`.")
	@GetMapping("/{idOrName}")
	TemplateView get(@AuthenticationPrincipal ApiCaller caller, @PathVariable String idOrName,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String locale) {
		return this.templates.get(caller.scope(), idOrName, channel(channel), blankToNull(locale));
	}

	@Operation(summary = "List the versions of a template",
			description = "Scope `config:read`. By channel, locale and version (oldest first), paged.")
	@GetMapping("/{name}/versions")
	Page<TemplateView> versions(@AuthenticationPrincipal ApiCaller caller, @PathVariable String name,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String locale,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		return this.templates.versions(caller.scope(), name, channel(channel), blankToNull(locale),
				PageQuery.of(limit, cursor));
	}

	@Operation(summary = "Roll a template back",
			description = "Scope `config:write`. Publishes the content of version n as the next version: 201 with it.")
	@PostMapping("/{idOrName}/rollback")
	ResponseEntity<TemplateView> rollback(@AuthenticationPrincipal ApiCaller caller, @PathVariable String idOrName,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String locale,
			@Valid @RequestBody TemplateRollback request) {
		TemplateView published = this.templates.rollback(caller.scope(), idOrName, channel(channel),
				blankToNull(locale), request);
		return ResponseEntity.created(URI.create("/api/v1/templates/" + published.id())).body(published);
	}

	@Operation(summary = "Delete a template",
			description = "Scope `config:write`. Every version of the name (only the channel and locale given, when"
					+ " given): 204; 409 while a subscription renders it or a notification was rendered from it.")
	@DeleteMapping("/{idOrName}")
	ResponseEntity<Void> delete(@AuthenticationPrincipal ApiCaller caller, @PathVariable String idOrName,
			@RequestParam(required = false) String channel, @RequestParam(required = false) String locale) {
		this.templates.delete(caller.scope(), idOrName, channel(channel), blankToNull(locale));
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Preview a template",
			description = "Scope `config:read`. Renders with the given data, or the event type's sample; nothing is stored or sent.")
	@PostMapping("/{id}/preview")
	RenderedTemplate preview(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id,
			@RequestBody(required = false) TemplatePreviewRequest request) {
		return this.preview.preview(caller.scope(), id, request);
	}

	private static Channel channel(String value) {
		return (value == null || value.isBlank()) ? null : Channel.parse("channel", value);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
