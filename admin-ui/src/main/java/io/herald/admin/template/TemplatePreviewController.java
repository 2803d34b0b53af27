package io.herald.admin.template;

import io.herald.admin.web.ConsoleScope;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The editor's preview as you type (htmx): the form's text rendered by core against the
 * chosen event type's sample, returned as the preview fragment. A POST because the body
 * may be long; like every POST it needs the form's CSRF token and a role that may write.
 */
@Controller
class TemplatePreviewController {

	private final LivePreview preview;

	TemplatePreviewController(LivePreview preview) {
		this.preview = preview;
	}

	@PostMapping("/templates/preview")
	String preview(@ModelAttribute("form") TemplateForm form, ConsoleScope scope, Model model) {
		model.addAttribute("preview", this.preview.render(scope, form));
		return "template-preview :: preview";
	}

}
