package io.herald.admin.deadletter;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.herald.admin.web.ConsoleScope;
import io.herald.core.deadletter.DeadLetterFilter;
import io.herald.core.deadletter.RedriveResult;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantManagement;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.kafka.common.KafkaException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Operators' dead letters: the records on the dead-letter topic grouped by reason (for
 * the tenant in the switcher, or all); a re-drive dry run per group (letters whose reason
 * is exactly the group's) or per letter (by partition and offset), then the re-drive
 * after confirmation. Only operators reach these addresses (security configuration).
 */
@Controller
class DeadLetterController {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	/** Longer than any reason the worker writes (1,000 characters). */
	static final int MAX_REASON = 4_000;

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

	/** The dry run: counts what a re-drive of this reason's group would publish. */
	@GetMapping("/dead-letters/redrive")
	String dryRun(@RequestParam(defaultValue = "") String reason, ConsoleScope scope, Model model) {
		model.addAttribute("reason", reason);
		if (tooLong(reason, model)) {
			return "dead-letter-redrive";
		}
		reading(model,
				() -> model.addAttribute("result", this.letters.redrive(filter(scope, reason), true, scope.actor())));
		return "dead-letter-redrive";
	}

	@PostMapping("/dead-letters/redrive")
	String redrive(@RequestParam(defaultValue = "") String reason, ConsoleScope scope, Model model,
			RedirectAttributes redirect) {
		model.addAttribute("reason", reason);
		if (tooLong(reason, model)) {
			return "dead-letter-redrive";
		}
		RedriveResult[] result = new RedriveResult[1];
		if (!reading(model, () -> result[0] = this.letters.redrive(filter(scope, reason), false, scope.actor()))) {
			return "dead-letter-redrive";
		}
		redirect.addFlashAttribute("saved", "Re-drove " + result[0].republished() + " letter(s) to the event topic; "
				+ result[0].alreadyRedriven() + " had been re-driven before and were left alone.");
		return "redirect:/dead-letters";
	}

	/** The dry run of one letter: shows it and whether a re-drive would publish it. */
	@GetMapping("/dead-letters/letter")
	String letter(@RequestParam(defaultValue = "") String partition, @RequestParam(defaultValue = "") String offset,
			ConsoleScope scope, Model model, HttpServletResponse response) {
		Optional<LetterAddress> address = letterPage(partition, offset, model, response);
		if (address.isEmpty()) {
			return "dead-letter-one";
		}
		reading(model, () -> this.letters.redriveOne(address.get().filter(scope), true, scope.actor())
			.ifPresentOrElse((one) -> model.addAttribute("one", one), () -> notFound(address.get(), model, response)));
		return "dead-letter-one";
	}

	@PostMapping("/dead-letters/letter/redrive")
	String redriveLetter(@RequestParam(defaultValue = "") String partition,
			@RequestParam(defaultValue = "") String offset, ConsoleScope scope, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Optional<LetterAddress> address = letterPage(partition, offset, model, response);
		if (address.isEmpty()) {
			return "dead-letter-one";
		}
		Optional<DeadLetterConsole.One> one;
		try {
			one = this.letters.redriveOne(address.get().filter(scope), false, scope.actor());
		}
		catch (KafkaException | DeadLetterConsole.RedriveFailedException ex) {
			unreachable(model);
			return "dead-letter-one";
		}
		if (one.isEmpty()) {
			notFound(address.get(), model, response);
			return "dead-letter-one";
		}
		RedriveResult result = one.get().result();
		redirect.addFlashAttribute("saved",
				(result.republished() == 1) ? "Re-drove the letter at " + address.get() + " to the event topic."
						: "The letter at " + address.get() + " had been re-driven before and was left alone.");
		return "redirect:/dead-letters";
	}

	/**
	 * What the one-letter page shows whatever happens next; the letter's address, or
	 * empty (and {@code 400}) when the operator's partition or offset is not one.
	 */
	private Optional<LetterAddress> letterPage(String partition, String offset, Model model,
			HttpServletResponse response) {
		model.addAttribute("time", TIME);
		model.addAttribute("slugs", slugs());
		Optional<LetterAddress> address = LetterAddress.parse(partition, offset, model);
		if (address.isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		else {
			model.addAttribute("address", address.get());
		}
		return address;
	}

	private static void notFound(LetterAddress address, Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.NOT_FOUND.value());
		model.addAttribute("problem", "There is no dead letter at " + address
				+ " for the tenant in view (check the partition and offset on the Dead letters page).");
	}

	private static DeadLetterFilter filter(ConsoleScope scope, String reason) {
		UUID tenant = scope.tenantId().orElse(null);
		return (reason != null) ? DeadLetterFilter.reasonGroup(tenant, reason) : new DeadLetterFilter(tenant, null);
	}

	private static boolean tooLong(String reason, Model model) {
		if (reason.length() <= MAX_REASON) {
			return false;
		}
		model.addAttribute("reason", reason.substring(0, 100) + "…");
		model.addAttribute("problem", "This reason is longer than " + MAX_REASON
				+ " characters: nothing was re-driven. Re-drive its letters one by one.");
		return true;
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
			unreachable(model);
			return false;
		}
	}

	private static void unreachable(Model model) {
		model.addAttribute("problem", "The dead-letter topic or the event topic cannot be reached right now: "
				+ "nothing was re-driven. Try again in a moment.");
	}

	/** Where one letter is on the dead-letter topic, as the operator typed it. */
	record LetterAddress(int partition, long offset) {

		static Optional<LetterAddress> parse(String partition, String offset, Model model) {
			model.addAttribute("partition", partition);
			model.addAttribute("offset", offset);
			Long p = number(partition, 100_000);
			Long o = number(offset, Long.MAX_VALUE);
			if (p == null || o == null) {
				model.addAttribute("problem",
						"Partition and offset: whole numbers from 0, as the Dead letters page shows them "
								+ "(partition / offset).");
				return Optional.empty();
			}
			return Optional.of(new LetterAddress(p.intValue(), o));
		}

		DeadLetterFilter filter(ConsoleScope scope) {
			return DeadLetterFilter.record(scope.tenantId().orElse(null), this.partition, this.offset);
		}

		@Override
		public String toString() {
			return "partition " + this.partition + ", offset " + this.offset;
		}

		/** A whole number from 0 to max, or null. */
		private static Long number(String value, long max) {
			String text = value.strip();
			if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(Character::isDigit)) {
				return null;
			}
			try {
				long parsed = Long.parseLong(text);
				return (parsed <= max) ? parsed : null;
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

}
