package io.herald.admin.recipient;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.herald.admin.web.ConsoleScope;
import io.herald.core.error.InvalidInputException;
import io.herald.core.error.NotFoundException;
import io.herald.core.recipient.RecipientManagement;
import io.herald.core.recipient.RecipientView;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A tenant's recipients: page through them by external id, look one up, see its profile
 * (addresses, push tokens, locale, opt-outs) and erase it — the right to be forgotten,
 * confirmed by typing the id. Profiles are written by the tenant's services over the API;
 * the console reads and erases. The rules are core's {@link RecipientManagement}.
 */
@Controller
class RecipientController {

	static final int PAGE_SIZE = 50;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final RecipientManagement recipients;

	RecipientController(RecipientManagement recipients) {
		this.recipients = recipients;
	}

	@GetMapping("/recipients")
	String list(@RequestParam(required = false) String cursor, ConsoleScope scope, Model model) {
		Page<RecipientView> page;
		try {
			page = this.recipients.page(scope.tenantScope(), new PageQuery(PAGE_SIZE, cursor));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("problem", "The page link is out of date: start again from the first page.");
			page = this.recipients.page(scope.tenantScope(), PageQuery.first(PAGE_SIZE));
		}
		model.addAttribute("recipients", page.items().stream().map(Row::of).toList());
		if (page.nextCursor() != null) {
			model.addAttribute("nextPage",
					UriComponentsBuilder.fromPath("/recipients")
						.queryParam("cursor", page.nextCursor())
						.encode()
						.build()
						.toUriString());
		}
		return "recipients";
	}

	@GetMapping("/recipients/profile")
	String profile(@RequestParam(defaultValue = "") String id, ConsoleScope scope, Model model) {
		String externalId = id.strip();
		model.addAttribute("externalId", externalId);
		if (externalId.isEmpty() || externalId.length() > 200) {
			model.addAttribute("missing", "Enter a recipient's id (at most 200 characters).");
			return "recipient";
		}
		try {
			RecipientView recipient = this.recipients.get(scope.tenantScope(), externalId);
			model.addAttribute("r", recipient);
			model.addAttribute("updated", TIME.format(recipient.updatedAt()));
		}
		catch (NotFoundException ex) {
			model.addAttribute("missing", "No recipient with this id. Erasing it still scrubs the id from delivery "
					+ "history, e.g. after a profile was deleted.");
		}
		return "recipient";
	}

	@PostMapping("/recipients/erase")
	String erase(@RequestParam String id, @RequestParam(defaultValue = "") String confirm, ConsoleScope scope,
			RedirectAttributes redirect) {
		String externalId = id.strip();
		if (externalId.isEmpty() || externalId.length() > 200) {
			redirect.addFlashAttribute("problem", "Enter a recipient's id (at most 200 characters).");
			return "redirect:/recipients";
		}
		if (!confirm.strip().equals(externalId)) {
			redirect.addFlashAttribute("problem", "Type the recipient's id exactly to confirm the erasure.");
			return "redirect:" + profileLink(externalId);
		}
		this.recipients.erase(scope.tenantScope(), externalId);
		redirect.addFlashAttribute("saved", "Recipient " + externalId
				+ " erased: the profile is gone and its addresses and message contents are scrubbed from delivery "
				+ "history; pending notifications to it are suppressed.");
		return "redirect:/recipients";
	}

	static String profileLink(String externalId) {
		return UriComponentsBuilder.fromPath("/recipients/profile")
			.queryParam("id", externalId)
			.encode()
			.build()
			.toUriString();
	}

	record Row(String externalId, String link, String email, int pushTokens, String locale, String optOuts,
			String updated) {

		static Row of(RecipientView recipient) {
			String optOuts = String.join(", ", recipient.optOut().channels());
			if (!recipient.optOut().eventTypes().isEmpty()) {
				optOuts = (optOuts.isEmpty() ? "" : optOuts + "; ")
						+ String.join(", ", recipient.optOut().eventTypes());
			}
			return new Row(recipient.externalId(), profileLink(recipient.externalId()), recipient.email(),
					recipient.pushTokens().size(), recipient.locale(), optOuts, TIME.format(recipient.updatedAt()));
		}

	}

}
