package io.herald.api.template;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.herald.api.apikey.ApiCaller;
import io.herald.core.template.RenderedTemplate;
import io.herald.core.template.TemplateDraft;
import io.herald.core.template.TemplateManagement;
import io.herald.core.template.TemplatePreview;
import io.herald.core.template.TemplatePreviewRequest;
import io.herald.core.template.TemplateView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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

	/** The newest version of every template (name, channel, locale). */
	@Operation(summary = "List templates (newest versions)", description = "Scope `config:read`.")
	@GetMapping
	TemplateList list(@AuthenticationPrincipal ApiCaller caller) {
		return new TemplateList(this.templates.latestVersions(caller.scope()));
	}

	@Operation(summary = "Get a template version", description = "Scope `config:read`.")
	@GetMapping("/{id}")
	TemplateView get(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id) {
		return this.templates.get(caller.scope(), id);
	}

	@Operation(summary = "Preview a template",
			description = "Scope `config:read`. Renders with the given data, or the event type's sample; nothing is stored or sent.")
	@PostMapping("/{id}/preview")
	RenderedTemplate preview(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id,
			@RequestBody(required = false) TemplatePreviewRequest request) {
		return this.preview.preview(caller.scope(), id, request);
	}

	record TemplateList(List<TemplateView> items) {
	}

}
