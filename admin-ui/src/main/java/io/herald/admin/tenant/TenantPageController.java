package io.herald.admin.tenant;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.herald.admin.web.ConsoleScope;
import io.herald.admin.web.PageNotFoundException;
import io.herald.core.tenant.IngestLimits;
import io.herald.core.tenant.TenantManagement;
import io.herald.core.tenant.TenantView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One tenant for operators: suspend it (its API keys refused, its notifications held) or
 * resume it, each after an explicit confirmation, and set or remove its ingest quota. The
 * core service audits every change.
 */
@Controller
class TenantPageController {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final TenantManagement tenants;

	TenantPageController(TenantManagement tenants) {
		this.tenants = tenants;
	}

	@GetMapping("/tenants/{slug}")
	String show(@PathVariable String slug, Model model) {
		TenantView tenant = this.tenants.view(slug).orElseThrow(PageNotFoundException::new);
		model.addAttribute("tenant", tenant);
		model.addAttribute("created", TIME.format(tenant.createdAt()));
		model.addAttribute("suspended", (tenant.suspendedAt() != null) ? TIME.format(tenant.suspendedAt()) : null);
		if (!model.containsAttribute("limits")) {
			IngestLimits current = tenant.ingestLimits();
			model.addAttribute("limits", (current != null)
					? new LimitsForm(Integer.toString(current.eventsPerSecond()), Integer.toString(current.burst()))
					: new LimitsForm("", ""));
		}
		return "tenant";
	}

	@PostMapping("/tenants/{slug}/suspend")
	String suspend(@PathVariable String slug, @RequestParam(defaultValue = "") String confirm, ConsoleScope scope,
			Model model, RedirectAttributes redirect) {
		if (!"yes".equals(confirm)) {
			model.addAttribute("problem", "Tick the box to confirm the suspension: nothing was changed.");
			return show(slug, model);
		}
		TenantView tenant = this.tenants.suspend(slug, scope.actor()).orElseThrow(PageNotFoundException::new);
		redirect.addFlashAttribute("saved", "Suspended " + tenant.name()
				+ ": its API keys are refused and its notifications held until it is resumed.");
		return "redirect:/tenants/" + tenant.slug();
	}

	@PostMapping("/tenants/{slug}/resume")
	String resume(@PathVariable String slug, @RequestParam(defaultValue = "") String confirm, ConsoleScope scope,
			Model model, RedirectAttributes redirect) {
		if (!"yes".equals(confirm)) {
			model.addAttribute("problem", "Tick the box to confirm resuming the tenant: nothing was changed.");
			return show(slug, model);
		}
		TenantView tenant = this.tenants.resume(slug, scope.actor()).orElseThrow(PageNotFoundException::new);
		redirect.addFlashAttribute("saved",
				"Resumed " + tenant.name() + ": its API keys work again and held notifications are delivered.");
		return "redirect:/tenants/" + tenant.slug();
	}

	@PostMapping("/tenants/{slug}/limits")
	String limits(@PathVariable String slug, @ModelAttribute("limits") LimitsForm form, ConsoleScope scope, Model model,
			RedirectAttributes redirect) {
		this.tenants.view(slug).orElseThrow(PageNotFoundException::new);
		boolean remove = blank(form.eventsPerSecond()) && blank(form.burst());
		IngestLimits limits = null;
		if (!remove) {
			Integer rate = number(form.eventsPerSecond(), 1, IngestLimits.MAX_EVENTS_PER_SECOND);
			Integer burst = number(form.burst(), 1, IngestLimits.MAX_BURST);
			if (rate == null) {
				model.addAttribute("rateError",
						"Events per second: a whole number from 1 to " + IngestLimits.MAX_EVENTS_PER_SECOND + ".");
			}
			if (burst == null) {
				model.addAttribute("burstError", "Burst: a whole number from 1 to " + IngestLimits.MAX_BURST + ".");
			}
			if (rate == null || burst == null) {
				return show(slug, model);
			}
			limits = new IngestLimits(rate, burst);
		}
		TenantView tenant = this.tenants.limit(slug, limits, scope.actor()).orElseThrow(PageNotFoundException::new);
		redirect.addFlashAttribute("saved", remove ? "Ingest quota removed." : "Ingest quota set: "
				+ limits.eventsPerSecond() + " events per second on average, bursts up to " + limits.burst() + ".");
		return "redirect:/tenants/" + tenant.slug();
	}

	private static Integer number(String value, int min, int max) {
		if (blank(value)) {
			return null;
		}
		try {
			int number = Integer.parseInt(value.strip().replace("_", "").replace(",", ""));
			return (number >= min && number <= max) ? number : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	/**
	 * The quota as typed; both empty removes it.
	 */
	record LimitsForm(String eventsPerSecond, String burst) {

	}

}
