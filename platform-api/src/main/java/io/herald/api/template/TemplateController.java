package io.herald.api.template;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.herald.api.apikey.ApiCaller;
import io.herald.api.template.TemplatePreview.PreviewRequest;
import io.herald.api.template.TemplatePreview.PreviewResponse;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/templates")
class TemplateController {

	private final TemplateManagement templates;

	private final TemplatePreview preview;

	TemplateController(TemplateManagement templates, TemplatePreview preview) {
		this.templates = templates;
		this.preview = preview;
	}

	@PostMapping
	ResponseEntity<TemplateResponse> create(@AuthenticationPrincipal ApiCaller caller,
			@Valid @RequestBody TemplateRequest request) {
		TemplateResponse created = this.templates.create(caller, request);
		return ResponseEntity.created(URI.create("/api/v1/templates/" + created.id())).body(created);
	}

	/** The newest version of every template (name, channel, locale). */
	@GetMapping
	TemplateList list(@AuthenticationPrincipal ApiCaller caller) {
		return new TemplateList(this.templates.latestVersions(caller));
	}

	@GetMapping("/{id}")
	TemplateResponse get(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id) {
		return TemplateResponse.of(this.templates.find(caller, id));
	}

	@PostMapping("/{id}/preview")
	PreviewResponse preview(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id,
			@RequestBody(required = false) PreviewRequest request) {
		return this.preview.preview(caller, id, request);
	}

	record TemplateList(List<TemplateResponse> items) {
	}

}
