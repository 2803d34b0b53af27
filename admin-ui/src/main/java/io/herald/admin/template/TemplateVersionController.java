package io.herald.admin.template;

import java.util.ArrayList;
import java.util.Comparator;
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

/**
 * The versions of one template (name, channel, locale), newest first; a line diff between
 * any two; rollback, which publishes an earlier version's text as the newest version
 * after showing what changes.
 */
@Controller
class TemplateVersionController {

	/** Versions listed at most; older ones are still reachable by their diff links. */
	static final int MAX_VERSIONS = 1000;

	private final TemplateManagement templates;

	TemplateVersionController(TemplateManagement templates) {
		this.templates = templates;
	}

	@GetMapping("/templates/{id}/versions")
	String versions(@PathVariable UUID id, ConsoleScope scope, Model model) {
		TemplateView template = this.templates.get(scope.tenantScope(), id);
		List<TemplateView> versions = versions(scope, template);
		model.addAttribute("template", template);
		model.addAttribute("versions", versions.stream()
			.map((v) -> new VersionRow(v.id(), v.version(), TemplateController.TIME.format(v.createdAt()), v.subject()))
			.toList());
		model.addAttribute("latest",
				this.templates.get(scope.tenantScope(), template.name(), template.channel(), template.locale()));
		model.addAttribute("truncated", versions.size() >= MAX_VERSIONS);
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

	/** The versions of the template's name, channel and locale, newest first. */
	private List<TemplateView> versions(ConsoleScope scope, TemplateView template) {
		List<TemplateView> all = new ArrayList<>();
		String cursor = null;
		do {
			Page<TemplateView> page = this.templates.versions(scope.tenantScope(), template.name(), template.channel(),
					template.locale(), new PageQuery(PageQuery.MAX_LIMIT, cursor));
			all.addAll(page.items());
			cursor = page.nextCursor();
		}
		while (cursor != null && all.size() < MAX_VERSIONS);
		all.sort(Comparator.comparingInt(TemplateView::version).reversed());
		return all;
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
