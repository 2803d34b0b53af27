package io.herald.admin.deadletter;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.herald.admin.web.ConsoleScope;
import io.herald.core.deadletter.DeadLetterFilter;
import io.herald.core.deadletter.RedriveResult;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantManagement;
import org.apache.kafka.common.KafkaException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Operators' dead letters: the records on the dead-letter topic grouped by reason (for
 * the tenant in the switcher, or all), a re-drive dry run per group, then the re-drive
 * after confirmation. Only operators reach these addresses (security configuration).
 */
@Controller
class DeadLetterController {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final DeadLetterConsole letters;

	private final TenantManagement tenants;

	DeadLetterController(DeadLetterConsole letters, TenantManagement tenants) {
		this.letters = letters;
		this.tenants = tenants;
	}

	@GetMapping("/dead-letters")
	String list(ConsoleScope scope, Model model) {
		model.addAttribute("slugs", slugs());
		model.addAttribute("time", TIME);
		reading(model, () -> model.addAttribute("found", this.letters.groups(filter(scope, null))));
		return "dead-letters";
	}

	/** The dry run: counts what a re-drive of this reason would publish. */
	@GetMapping("/dead-letters/redrive")
	String dryRun(@RequestParam(defaultValue = "") String reason, ConsoleScope scope, Model model) {
		model.addAttribute("reason", limited(reason));
		reading(model, () -> model.addAttribute("result",
				this.letters.redrive(filter(scope, limited(reason)), true, scope.actor())));
		return "dead-letter-redrive";
	}

	@PostMapping("/dead-letters/redrive")
	String redrive(@RequestParam(defaultValue = "") String reason, ConsoleScope scope, Model model,
			RedirectAttributes redirect) {
		RedriveResult[] result = new RedriveResult[1];
		if (!reading(model,
				() -> result[0] = this.letters.redrive(filter(scope, limited(reason)), false, scope.actor()))) {
			model.addAttribute("reason", limited(reason));
			return "dead-letter-redrive";
		}
		redirect.addFlashAttribute("saved", "Re-drove " + result[0].republished() + " letter(s) to the event topic; "
				+ result[0].alreadyRedriven() + " had been re-driven before and were left alone.");
		return "redirect:/dead-letters";
	}

	private static DeadLetterFilter filter(ConsoleScope scope, String reason) {
		return new DeadLetterFilter(scope.tenantId().orElse(null), reason);
	}

	private static String limited(String reason) {
		return (reason.length() > 500) ? reason.substring(0, 500) : reason;
	}

	private Map<UUID, String> slugs() {
		return this.tenants.list().stream().collect(Collectors.toMap(Tenant::getId, Tenant::getSlug));
	}

	private static boolean reading(Model model, Runnable scan) {
		try {
			scan.run();
			return true;
		}
		catch (KafkaException | DeadLetterConsole.RedriveFailedException ex) {
			model.addAttribute("problem", "The dead-letter topic or the event topic cannot be reached right now: "
					+ "nothing was re-driven. Try again in a moment.");
			return false;
		}
	}

}
