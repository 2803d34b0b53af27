package io.herald.admin.template;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import io.herald.admin.web.ConsoleScope;
import io.herald.core.channel.Channel;
import io.herald.core.error.ConflictException;
import io.herald.core.error.FieldProblem;
import io.herald.core.error.InvalidInputException;
import io.herald.core.eventtype.EventTypeManagement;
import io.herald.core.eventtype.EventTypeView;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.herald.core.template.TemplateDraft;
import io.herald.core.template.TemplateManagement;
import io.herald.core.template.TemplateView;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A tenant's templates: the list, and the editor that publishes a new version of a name,
 * channel and locale with a preview rendered as you type. Templates are immutable
 * versions (core's {@link TemplateManagement}): saving never changes an earlier one.
 */
@Controller
class TemplateController {

	static final int PAGE_SIZE = 50;

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final TemplateManagement templates;

	private final EventTypeManagement eventTypes;

	private final LivePreview preview;

	TemplateController(TemplateManagement templates, EventTypeManagement eventTypes, LivePreview preview) {
		this.templates = templates;
		this.eventTypes = eventTypes;
		this.preview = preview;
	}

	@GetMapping("/templates")
	String list(@RequestParam(required = false) String cursor, ConsoleScope scope, Model model) {
		Page<TemplateView> page;
		try {
			page = this.templates.latestVersions(scope.tenantScope(), new PageQuery(PAGE_SIZE, cursor));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("problem", "The page link is out of date: start again from the first page.");
			page = this.templates.latestVersions(scope.tenantScope(), PageQuery.first(PAGE_SIZE));
		}
		model.addAttribute("templates", page.items().stream().map(Row::of).toList());
		if (page.nextCursor() != null) {
			model.addAttribute("nextPage",
					UriComponentsBuilder.fromPath("/templates")
						.queryParam("cursor", page.nextCursor())
						.encode()
						.build()
						.toUriString());
		}
		return "templates";
	}

	/** A new template, or (with a name and channel) a new locale of an existing one. */
	@GetMapping("/templates/new")
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "EMAIL") String channel,
			ConsoleScope scope, Model model) {
		TemplateForm form = name.isBlank() ? TemplateForm.empty()
				: new TemplateForm(name.strip(), channel, "", "", "", "");
		model.addAttribute("form", form);
		return editor(null, form, scope, model);
	}

	@PostMapping("/templates")
	String create(@Valid @ModelAttribute("form") TemplateForm form, BindingResult errors, ConsoleScope scope,
			Model model, RedirectAttributes redirect) {
		if (blank(form.name())) {
			errors.rejectValue("name", "required", "Enter a name, e.g. welcome-email.");
		}
		TemplateView saved = errors.hasErrors() ? null : save(scope, form, errors);
		if (saved == null) {
			return editor(null, form, scope, model);
		}
		redirect.addFlashAttribute("saved", "Template " + saved.name() + " (" + saved.channel() + ", " + saved.locale()
				+ ") saved as version " + saved.version() + ".");
		return "redirect:/templates/" + saved.id();
	}

	@GetMapping("/templates/{id}")
	String show(@PathVariable UUID id, ConsoleScope scope, Model model) {
		TemplateView version = this.templates.get(scope.tenantScope(), id);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new TemplateForm(version.name(), version.channel().name(), version.locale(),
					version.subject(), version.body(), ""));
		}
		return editor(version, (TemplateForm) model.getAttribute("form"), scope, model);
	}

	/** Publishes the editor's text as the next version of the shown template. */
	@PostMapping("/templates/{id}")
	String update(@PathVariable UUID id, @Valid @ModelAttribute("form") TemplateForm form, BindingResult errors,
			ConsoleScope scope, Model model, RedirectAttributes redirect) {
		TemplateView version = this.templates.get(scope.tenantScope(), id);
		// the shown template decides what is saved, not hidden fields
		TemplateForm fixed = new TemplateForm(version.name(), version.channel().name(), version.locale(),
				form.subject(), form.body(), form.sample());
		TemplateView saved = errors.hasErrors() ? null : save(scope, fixed, errors);
		if (saved == null) {
			model.addAttribute("form", fixed);
			return editor(version, fixed, scope, model);
		}
		redirect.addFlashAttribute("saved", "Saved as version " + saved.version() + ".");
		return "redirect:/templates/" + saved.id();
	}

	@PostMapping("/templates/{id}/delete")
	String delete(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean confirm, ConsoleScope scope,
			RedirectAttributes redirect) {
		TemplateView version = this.templates.get(scope.tenantScope(), id);
		String what = version.name() + " (" + version.channel() + ", " + version.locale() + ")";
		if (!confirm) {
			redirect.addFlashAttribute("problem", "Nothing deleted: tick the box to confirm.");
			return "redirect:/templates/" + id;
		}
		try {
			this.templates.delete(scope.tenantScope(), id.toString(), null, null);
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("problem", "Not deleted. " + ex.getMessage() + ".");
			return "redirect:/templates/" + id;
		}
		redirect.addFlashAttribute("saved", "Template " + what + " deleted with all its versions.");
		return "redirect:/templates";
	}

	private TemplateView save(ConsoleScope scope, TemplateForm form, BindingResult errors) {
		try {
			return this.templates.create(scope.tenantScope(),
					new TemplateDraft(form.name().strip(), form.channel(),
							blank(form.locale()) ? null : form.locale().strip(),
							blank(form.subject()) ? null : form.subject(), form.body()));
		}
		catch (InvalidInputException ex) {
			for (FieldProblem problem : ex.problems()) {
				reject(errors, problem);
			}
			return null;
		}
	}

	private String editor(TemplateView version, TemplateForm form, ConsoleScope scope, Model model) {
		model.addAttribute("version", version);
		if (version != null) {
			model.addAttribute("savedAt", TIME.format(version.createdAt()));
			model.addAttribute("latest", latestVersion(scope, version));
			model.addAttribute("locales",
					this.templates.latestVersions(scope.tenantScope())
						.stream()
						.filter((other) -> other.name().equals(version.name()) && other.channel() == version.channel())
						.toList());
		}
		model.addAttribute("channels", List.of(Channel.values()));
		model.addAttribute("eventTypeChoices",
				this.eventTypes.list(scope.tenantScope()).stream().map(EventTypeView::name).toList());
		model.addAttribute("preview", this.preview.render(scope, form));
		return "template";
	}

	private int latestVersion(ConsoleScope scope, TemplateView version) {
		return this.templates.get(scope.tenantScope(), version.name(), version.channel(), version.locale()).version();
	}

	private static void reject(BindingResult errors, FieldProblem problem) {
		String message = capitalized(problem.message());
		switch (problem.field()) {
			case "name", "channel", "locale", "subject", "body" ->
				errors.rejectValue(problem.field(), "invalid", message);
			default -> errors.reject("invalid", problem.field() + ": " + message);
		}
	}

	private static String capitalized(String message) {
		return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	record Row(UUID id, String name, String channel, String locale, int version, String savedAt) {

		static Row of(TemplateView template) {
			return new Row(template.id(), template.name(), template.channel().name(), template.locale(),
					template.version(), TIME.format(template.createdAt()));
		}

	}

}
