package io.herald.admin.template;

import java.util.stream.Collectors;

import io.herald.admin.web.ConsoleScope;
import io.herald.core.channel.Channel;
import io.herald.core.error.InvalidInputException;
import io.herald.core.error.RenderFailedException;
import io.herald.core.error.UnknownReferenceException;
import io.herald.core.template.RenderedTemplate;
import io.herald.core.template.TemplatePreview;
import io.herald.core.template.TemplatePreviewRequest;
import io.herald.core.template.TemplateTimeoutException;
import io.herald.core.template.UnsavedTemplate;
import org.springframework.stereotype.Component;

/**
 * Renders the editor's text as it is typed, by core's {@link TemplatePreview} exactly as
 * a saved version would be sent, and turns every failure into a sentence for the page.
 */
@Component
class LivePreview {

	private final TemplatePreview preview;

	LivePreview(TemplatePreview preview) {
		this.preview = preview;
	}

	Result render(ConsoleScope scope, TemplateForm form) {
		Channel channel;
		try {
			channel = Channel.parse("channel", form.channel());
		}
		catch (InvalidInputException ex) {
			return Result.failed("Choose a channel to see a preview.");
		}
		if (length(form.subject()) > 2000 || length(form.body()) > 131072) {
			return Result.failed("The subject or the body is too long to preview.");
		}
		String sample = blank(form.sample()) ? null : form.sample().strip();
		try {
			RenderedTemplate rendered = this.preview.preview(scope.tenantScope(),
					new UnsavedTemplate(form.name(), channel, form.subject(), form.body()),
					new TemplatePreviewRequest(null, sample, null));
			return new Result(rendered.subject(), rendered.body(), channel == Channel.EMAIL, null);
		}
		catch (RenderFailedException | UnknownReferenceException ex) {
			return Result.failed(ex.getMessage());
		}
		catch (InvalidInputException ex) {
			return Result.failed("The preview cannot use this: " + ex.problems()
				.stream()
				.map((problem) -> problem.field() + " " + problem.message())
				.collect(Collectors.joining("; ")) + ".");
		}
		catch (TemplateTimeoutException ex) {
			return Result.failed("The preview took too long to render: simplify the loops and try again.");
		}
	}

	private static int length(String text) {
		return (text != null) ? text.length() : 0;
	}

	private static boolean blank(String text) {
		return text == null || text.isBlank();
	}

	/**
	 * @param subject the rendered subject
	 * @param body the rendered body
	 * @param html whether the body is HTML (EMAIL), shown in a sandboxed frame
	 * @param problem why nothing could be rendered, or null
	 */
	record Result(String subject, String body, boolean html, String problem) {

		static Result failed(String problem) {
			return new Result(null, null, false, problem);
		}

	}

}
