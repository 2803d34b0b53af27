package io.herald.admin.channel;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.herald.admin.web.ConsoleScope;
import io.herald.admin.web.PageNotFoundException;
import io.herald.core.channel.Channel;
import io.herald.core.channel.ChannelSettingsManagement;
import io.herald.core.channel.ChannelSettingsView;
import io.herald.core.error.FieldProblem;
import io.herald.core.error.InvalidInputException;
import io.herald.core.error.NotFoundException;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's provider settings per channel (core's {@link ChannelSettingsManagement}):
 * shown with secrets masked, edited with secrets write-only — an empty secret field keeps
 * the stored secret, which is never put into a page, not even into a field's value.
 */
@Controller
class ChannelController {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	/** The channels that have provider settings, with their providers. */
	private static final Map<Channel, List<String>> PROVIDERS = Map.of(Channel.EMAIL, List.of("SMTP", "ACS"),
			Channel.PUSH, List.of("FCM"));

	private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("host", "Host"),
			Map.entry("port", "Port"), Map.entry("username", "User name"), Map.entry("password", "Password"),
			Map.entry("from", "From"), Map.entry("startTls", "STARTTLS"),
			Map.entry("connectionString", "Connection string"), Map.entry("sender", "Sender"),
			Map.entry("serviceAccountJson", "Service account JSON"), Map.entry("projectId", "Project"),
			Map.entry("clientEmail", "Client e-mail"));

	private final ChannelSettingsManagement settings;

	private final JsonMapper json;

	ChannelController(ChannelSettingsManagement settings, JsonMapper json) {
		this.settings = settings;
		this.json = json;
	}

	@GetMapping("/channels")
	String list(ConsoleScope scope, Model model) {
		Map<Channel, ChannelSettingsView> configured = new java.util.EnumMap<>(Channel.class);
		this.settings.list(scope.tenantScope()).forEach((view) -> configured.put(view.channel(), view));
		model.addAttribute("channels",
				List.of(Channel.EMAIL, Channel.PUSH)
					.stream()
					.map((channel) -> Card.of(channel, PROVIDERS.get(channel), configured.get(channel)))
					.toList());
		model.addAttribute("labels", LABELS);
		return "channels";
	}

	@GetMapping("/channels/{channel}")
	String edit(@PathVariable Channel channel, @RequestParam(required = false) String provider, ConsoleScope scope,
			Model model) {
		Optional<ChannelSettingsView> stored = stored(scope, channel);
		String chosen = provider(channel, provider, stored);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form",
					ChannelForm.of(chosen,
							stored.filter((s) -> s.provider().equals(chosen))
								.map(ChannelSettingsView::settings)
								.orElse(Map.of())));
		}
		model.addAttribute("channel", channel);
		model.addAttribute("provider", chosen);
		model.addAttribute("providers", PROVIDERS.get(channel));
		model.addAttribute("stored", stored.map((view) -> Card.of(channel, PROVIDERS.get(channel), view)).orElse(null));
		model.addAttribute("secretStored",
				stored.filter((s) -> s.provider().equals(chosen))
					.map((s) -> s.settings().containsKey(secretField(chosen)))
					.orElse(false));
		return "channel";
	}

	@PostMapping("/channels/{channel}")
	String save(@PathVariable Channel channel, @Valid @ModelAttribute("form") ChannelForm form, BindingResult errors,
			ConsoleScope scope, Model model, RedirectAttributes redirect) {
		String provider = provider(channel, form.provider(), Optional.empty());
		if (!errors.hasErrors()) {
			try {
				ChannelSettingsView saved = this.settings.putKeepingSecret(scope.tenantScope(), channel,
						body(provider, form));
				redirect.addFlashAttribute("saved",
						channel + " settings saved: " + saved.provider() + ". Secrets are stored encrypted.");
				return "redirect:/channels";
			}
			catch (InvalidInputException ex) {
				ex.problems().forEach((problem) -> reject(errors, problem));
			}
		}
		return edit(channel, provider, scope, model);
	}

	@PostMapping("/channels/{channel}/delete")
	String delete(@PathVariable Channel channel, @RequestParam(defaultValue = "false") boolean confirm,
			ConsoleScope scope, RedirectAttributes redirect) {
		if (!PROVIDERS.containsKey(channel)) {
			throw new PageNotFoundException();
		}
		if (!confirm) {
			redirect.addFlashAttribute("problem", "Nothing removed: tick the box to confirm.");
			return "redirect:/channels/" + channel;
		}
		try {
			this.settings.delete(scope.tenantScope(), channel);
		}
		catch (NotFoundException ex) {
			throw new PageNotFoundException();
		}
		redirect.addFlashAttribute("saved",
				channel + " settings removed: its notifications cannot be sent until a provider is set up again.");
		return "redirect:/channels";
	}

	private Optional<ChannelSettingsView> stored(ConsoleScope scope, Channel channel) {
		if (!PROVIDERS.containsKey(channel)) {
			throw new PageNotFoundException();
		}
		try {
			return Optional.of(this.settings.get(scope.tenantScope(), channel));
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
	}

	/** The provider asked for, else the stored one, else the channel's first. */
	private static String provider(Channel channel, String asked, Optional<ChannelSettingsView> stored) {
		List<String> providers = PROVIDERS.get(channel);
		if (providers == null) {
			throw new PageNotFoundException();
		}
		String wanted = (asked != null) ? asked.strip().toUpperCase(Locale.ROOT) : null;
		if (wanted != null && providers.contains(wanted)) {
			return wanted;
		}
		return stored.map(ChannelSettingsView::provider).filter(providers::contains).orElse(providers.get(0));
	}

	private ObjectNode body(String provider, ChannelForm form) {
		ObjectNode body = this.json.createObjectNode();
		body.put("provider", provider);
		switch (provider) {
			case "SMTP" -> {
				body.put("host", form.host());
				if (form.port() != null && !form.port().isBlank()) {
					body.put("port", form.port().strip());
				}
				body.put("username", form.username());
				body.put("password", form.password());
				body.put("from", form.from());
				body.put("startTls", Boolean.TRUE.equals(form.startTls()));
			}
			case "ACS" -> {
				body.put("connectionString", form.connectionString());
				body.put("sender", form.sender());
			}
			default -> body.put("serviceAccountJson", form.serviceAccountJson());
		}
		return body;
	}

	private static String secretField(String provider) {
		return switch (provider) {
			case "SMTP" -> "password";
			case "ACS" -> "connectionString";
			default -> "serviceAccountJson";
		};
	}

	private static void reject(BindingResult errors, FieldProblem problem) {
		String label = LABELS.get(problem.field());
		if (label != null) {
			errors.rejectValue(problem.field(), "invalid", label + " " + problem.message() + ".");
		}
		else {
			errors.reject("invalid", problem.field() + " " + problem.message() + ".");
		}
	}

	/**
	 * One channel as the list shows it.
	 *
	 * @param fields the stored fields, secrets masked, or empty when not configured
	 */
	record Card(Channel channel, List<String> providers, String provider, Map<String, Object> fields, String updated) {

		static Card of(Channel channel, List<String> providers, ChannelSettingsView view) {
			return (view == null) ? new Card(channel, providers, null, Map.of(), null)
					: new Card(channel, providers, view.provider(), view.settings(), TIME.format(view.updatedAt()));
		}

		public boolean configured() {
			return this.provider != null;
		}

	}

}
