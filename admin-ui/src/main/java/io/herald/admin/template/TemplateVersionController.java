package io.herald.admin.template;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.herald.admin.web.ConsoleScope;
import io.herald.admin.web.PageNotFoundException;
import io.herald.core.error.InvalidInputException;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.herald.core.template.TemplateManagement;
import io.herald.core.template.TemplateRollback;
import io.herald.core.template.TemplateView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The versions of one template (name, channel, locale), newest first, 50 a page with a
 * cursor (core's keyset {@link TemplateManagement#history}); a line diff between any two;
 * rollback, which publishes an earlier version's text as the newest version after showing
 * what changes.
 */
@Controller
class TemplateVersionController {

	static final int PAGE_SIZE = 50;

	private final TemplateManagement templates;

	TemplateVersionController(TemplateManagement templates) {
		this.templates = templates;
	}

	@GetMapping("/templates/{id}/versions")
	String versions(@PathVariable UUID id, @RequestParam(required = false) String cursor, ConsoleScope scope,
			Model model) {
		TemplateView template = this.templates.get(scope.tenantScope(), id);
		Page<TemplateView> page;
		try {
			page = history(scope, template, new PageQuery(PAGE_SIZE, cursor));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("problem", "The page link is out of date: start again from the first page.");
			page = history(scope, template, PageQuery.first(PAGE_SIZE));
		}
		model.addAttribute("template", template);
		model.addAttribute("versions", page.items()
			.stream()
			.map((v) -> new VersionRow(v.id(), v.version(), TemplateController.TIME.format(v.createdAt()), v.subject()))
			.toList());
		model.addAttribute("latest",
				this.templates.get(scope.tenantScope(), template.name(), template.channel(), template.locale()));
		if (page.nextCursor() != null) {
			model.addAttribute("nextPage",
					UriComponentsBuilder.fromPath("/templates/{id}/versions")
						.queryParam("cursor", page.nextCursor())
						.encode()
						.buildAndExpand(id)
						.toUriString());
		}
		return "template-versions";
	}

	/** What changes from one version to another; offers to roll back to the second. */
	@GetMapping("/templates/{id}/diff")
	String diff(@PathVariable UUID id, @RequestParam UUID from, @RequestParam UUID to, ConsoleScope scope,
			Model model) {
		TemplateView template = this.templates.get(scope.tenantScope(), id);
		TemplateView before = sameTemplate(template, this.templates.get(scope.tenantScope(), from));
		TemplateView after = sameTemplate(template, this.templates.get(scope.tenantScope(), to));
		List<LineDiff.Line> subject = LineDiff.between(before.subject(), after.subject());
		List<LineDiff.Line> body = LineDiff.between(before.body(), after.body());
		TemplateView latest = this.templates.get(scope.tenantScope(), template.name(), template.channel(),
				template.locale());
		model.addAttribute("template", template);
		model.addAttribute("before", before);
		model.addAttribute("after", after);
		model.addAttribute("latest", latest);
		model.addAttribute("subjectDiff", subject);
		model.addAttribute("bodyDiff", body);
		model.addAttribute("identical", !LineDiff.changes(subject) && !LineDiff.changes(body));
		return "template-diff";
	}

	/**
	 * Publishes the text of the version given as the newest version; the diff page that
	 * offers it is the confirmation.
	 */
	@PostMapping("/templates/{id}/rollback")
	String rollback(@PathVariable UUID id, @RequestParam int version, ConsoleScope scope, RedirectAttributes redirect) {
		TemplateView template = this.templates.get(scope.tenantScope(), id);
		TemplateView published;
		try {
			published = this.templates.rollback(scope.tenantScope(), id.toString(), null, null,
					new TemplateRollback(version));
		}
		catch (InvalidInputException ex) {
			throw new PageNotFoundException();
		}
		redirect.addFlashAttribute("saved", "Rolled back: version " + published.version() + " of " + template.name()
				+ " has the text of version " + version + ".");
		return "redirect:/templates/" + published.id();
	}

	/**
	 * A page of the versions of the template's name, channel and locale, newest first.
	 */
	private Page<TemplateView> history(ConsoleScope scope, TemplateView template, PageQuery query) {
		return this.templates.history(scope.tenantScope(), template.name(), template.channel(), template.locale(),
				query);
	}

	/** Another template's version does not exist here. */
	private static TemplateView sameTemplate(TemplateView template, TemplateView version) {
		boolean same = template.name().equals(version.name()) && template.channel() == version.channel()
				&& Objects.equals(template.locale(), version.locale());
		if (!same) {
			throw new PageNotFoundException();
		}
		return version;
	}

	record VersionRow(UUID id, int version, String savedAt, String subject) {

	}

}
