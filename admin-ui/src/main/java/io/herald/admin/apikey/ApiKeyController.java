package io.herald.admin.apikey;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.herald.admin.web.ConsoleScope;
import io.herald.admin.web.PageNotFoundException;
import io.herald.core.apikey.ApiKeyManagement;
import io.herald.core.apikey.ApiKeyScope;
import io.herald.core.apikey.ApiKeyView;
import io.herald.core.apikey.IssuedApiKey;
import io.herald.core.apikey.KeyRotation;
import io.herald.core.apikey.NewApiKey;
import io.herald.core.error.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A tenant's API keys: list them with their scopes and use, issue one (its text shown
 * once), revoke one, rotate one with a grace period. Everyone of the tenant reads; tenant
 * admins and operators change. The same core service as the API's {@code /api-keys}.
 */
@Controller
class ApiKeyController {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final ApiKeyManagement keys;

	ApiKeyController(ApiKeyManagement keys) {
		this.keys = keys;
	}

	@GetMapping("/api-keys")
	String list(ConsoleScope scope, Model model) {
		Instant now = Instant.now();
		model.addAttribute("keys",
				this.keys.list(scope.tenantScope()).stream().map((key) -> KeyRow.of(key, now)).toList().reversed());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new KeyForm("", List.of(), ""));
		}
		model.addAttribute("scopes",
				Arrays.stream(ApiKeyScope.values()).map((s) -> new ScopeChoice(s.value(), describe(s))).toList());
		return "api-keys";
	}

	@PostMapping("/api-keys")
	String issue(@ModelAttribute("form") KeyForm form, BindingResult errors, ConsoleScope scope, Model model,
			RedirectAttributes redirect) {
		Set<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
		for (String value : (form.scopes() != null) ? form.scopes() : List.<String>of()) {
			ApiKeyScope.of(value)
				.ifPresentOrElse(scopes::add,
						() -> errors.rejectValue("scopes", "unknown", "Choose scopes from the list."));
		}
		if (scopes.isEmpty() && !errors.hasFieldErrors("scopes")) {
			errors.rejectValue("scopes", "required", "Choose at least one scope.");
		}
		if (form.name() == null || form.name().isBlank()) {
			errors.rejectValue("name", "required", "Enter a name that says who uses the key, e.g. checkout-service.");
		}
		else if (form.name().length() > 200) {
			errors.rejectValue("name", "size", "At most 200 characters.");
		}
		Instant expiresAt = expiry(form.expires(), errors);
		if (!errors.hasErrors()) {
			try {
				IssuedApiKey issued = this.keys.issue(scope.tenantScope(),
						new NewApiKey(form.name().strip(), scopes, expiresAt));
				redirect.addFlashAttribute("issued", new IssuedRow(issued.key().name(), issued.secret()));
				return "redirect:/api-keys";
			}
			catch (InvalidInputException ex) {
				ex.problems().forEach((problem) -> errors.reject(problem.field(), problem.message()));
			}
		}
		model.addAttribute("formOpen", true);
		return list(scope, model);
	}

	@PostMapping("/api-keys/{id}/revoke")
	String revoke(@PathVariable UUID id, ConsoleScope scope, RedirectAttributes redirect) {
		ApiKeyView revoked = this.keys.revoke(scope.tenantScope(), id).orElseThrow(PageNotFoundException::new);
		redirect.addFlashAttribute("saved", "Key " + revoked.name() + " (" + revoked.prefix()
				+ ") revoked: it is refused within seconds, by every API instance.");
		return "redirect:/api-keys";
	}

	@PostMapping("/api-keys/{id}/rotate")
	String rotate(@PathVariable UUID id, @RequestParam(defaultValue = "60") String graceMinutes, ConsoleScope scope,
			RedirectAttributes redirect) {
		long minutes;
		try {
			minutes = Long.parseLong(graceMinutes.strip());
		}
		catch (NumberFormatException ex) {
			minutes = -1;
		}
		if (minutes < 0 || minutes > ApiKeyManagement.MAX_GRACE.toMinutes()) {
			redirect.addFlashAttribute("problem",
					"The grace period is 0 to " + ApiKeyManagement.MAX_GRACE.toMinutes() + " minutes (30 days).");
			return "redirect:/api-keys";
		}
		KeyRotation rotation = this.keys.rotate(scope.tenantScope(), id, Duration.ofMinutes(minutes));
		switch (rotation) {
			case KeyRotation.Rotated rotated -> redirect.addFlashAttribute("issued",
					new IssuedRow(rotated.successor().key().name(), rotated.successor().secret()));
			case KeyRotation.NotUsable refused -> redirect.addFlashAttribute("problem", refused.reason() + ".");
			case KeyRotation.NotFound missing -> throw new PageNotFoundException();
		}
		return "redirect:/api-keys";
	}

	private static Instant expiry(String value, BindingResult errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			Instant at = LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
			if (!at.isAfter(Instant.now())) {
				errors.rejectValue("expires", "past", "Choose a day after today.");
			}
			return at;
		}
		catch (DateTimeParseException ex) {
			errors.rejectValue("expires", "format", "Use a date such as 2027-01-31.");
			return null;
		}
	}

	private static String describe(ApiKeyScope scope) {
		return switch (scope) {
			case EVENTS_WRITE -> "publish events";
			case CONFIG_READ -> "read event types, templates, subscriptions, recipients, channels, audit";
			case CONFIG_WRITE -> "change them";
			case NOTIFICATIONS_READ -> "read notifications and replay jobs";
			case REPLAYS_WRITE -> "resend and replay notifications";
			case KEYS_ADMIN -> "manage API keys";
		};
	}

	/**
	 * @param expires a day (UTC), empty for never
	 */
	record KeyForm(String name, List<String> scopes, String expires) {

	}

	record ScopeChoice(String value, String description) {

	}

	record IssuedRow(String name, String apiKey) {

	}

	record KeyRow(UUID id, String name, String prefix, String scopes, String created, String lastUsed, String expires,
			String status, boolean usable, boolean rotated) {

		static KeyRow of(ApiKeyView key, Instant now) {
			boolean revoked = key.revokedAt() != null;
			boolean expired = key.expiresAt() != null && !key.expiresAt().isAfter(now);
			boolean rotated = key.replacedBy() != null;
			String status = revoked ? "Revoked " + TIME.format(key.revokedAt())
					: expired ? "Expired" : rotated ? "Rotated: works until its grace period ends" : "Active";
			return new KeyRow(key.id(), key.name(), key.prefix(), String.join(", ", key.scopes()),
					TIME.format(key.createdAt()), (key.lastUsedAt() != null) ? TIME.format(key.lastUsedAt()) : "never",
					(key.expiresAt() != null) ? TIME.format(key.expiresAt()) : "never", status, !revoked && !expired,
					rotated);
		}

	}

}
