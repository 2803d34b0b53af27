package io.herald.admin.subscription;

import java.util.List;
import java.util.UUID;

import io.herald.admin.web.ConsoleScope;
import io.herald.admin.web.PageNotFoundException;
import io.herald.core.channel.Channel;
import io.herald.core.error.ConflictException;
import io.herald.core.error.InvalidInputException;
import io.herald.core.error.NotFoundException;
import io.herald.core.error.UnknownReferenceException;
import io.herald.core.eventtype.EventTypeManagement;
import io.herald.core.eventtype.EventTypeView;
import io.herald.core.subscription.InvalidFilterException;
import io.herald.core.subscription.SubscriptionDraft;
import io.herald.core.subscription.SubscriptionFilters;
import io.herald.core.subscription.SubscriptionManagement;
import io.herald.core.subscription.SubscriptionUpdate;
import io.herald.core.subscription.SubscriptionView;
import io.herald.core.template.TemplateManagement;
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
 * Which template goes out, on which channel and to whom, when an event type happens: list
 * a tenant's subscriptions, create one (the CEL filter checked as you type, a webhook's
 * signing secret shown once), pause and resume one, delete one. The rules are core's
 * {@link SubscriptionManagement}, the same as the API's.
 */
@Controller
class SubscriptionController {

	private final SubscriptionManagement subscriptions;

	private final SubscriptionFilters filters;

	private final EventTypeManagement eventTypes;

	private final TemplateManagement templates;

	SubscriptionController(SubscriptionManagement subscriptions, SubscriptionFilters filters,
			EventTypeManagement eventTypes, TemplateManagement templates) {
		this.subscriptions = subscriptions;
		this.filters = filters;
		this.eventTypes = eventTypes;
		this.templates = templates;
	}

	@GetMapping("/subscriptions")
	String list(ConsoleScope scope, Model model) {
		model.addAttribute("subscriptions",
				this.subscriptions.list(scope.tenantScope()).stream().map(Row::of).toList());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new SubscriptionForm("", "", "WEBHOOK", "", "subject", ""));
		}
		model.addAttribute("eventTypeChoices",
				this.eventTypes.list(scope.tenantScope()).stream().map(EventTypeView::name).toList());
		model.addAttribute("templateChoices",
				this.templates.latestVersions(scope.tenantScope())
					.stream()
					.map((template) -> new TemplateChoice(template.name(), template.channel().name(),
							template.name() + " (" + template.channel() + ", " + template.locale() + ")"))
					.distinct()
					.toList());
		model.addAttribute("channels", List.of(Channel.values()));
		return "subscriptions";
	}

	/** The filter's verdict as you type (htmx): a fragment, empty when it compiles. */
	@GetMapping("/subscriptions/filter-check")
	String filterCheck(@RequestParam(defaultValue = "") String filter, Model model) {
		model.addAttribute("filterProblem", (filter.length() > 4096) ? "At most 4096 characters." : problem(filter));
		return "subscriptions :: filter-check";
	}

	@PostMapping("/subscriptions")
	String create(@ModelAttribute("form") SubscriptionForm form, BindingResult errors, ConsoleScope scope, Model model,
			RedirectAttributes redirect) {
		String filterProblem = problem(form.filter());
		if (filterProblem != null) {
			errors.rejectValue("filter", "invalid", filterProblem);
		}
		if (blank(form.eventType())) {
			errors.rejectValue("eventType", "required", "Choose the event type that triggers it.");
		}
		if (blank(form.template())) {
			errors.rejectValue("template", "required", "Choose the template to send.");
		}
		if (!errors.hasErrors()) {
			try {
				SubscriptionView created = this.subscriptions.create(scope.tenantScope(),
						new SubscriptionDraft(form.eventType(), form.template(), form.channel(),
								blank(form.endpoint()) ? null : form.endpoint().strip(), true,
								blank(form.recipient()) ? null : form.recipient().strip(),
								blank(form.filter()) ? null : form.filter()));
				redirect.addFlashAttribute("saved", "Subscription created: " + created.eventType() + " → "
						+ created.template() + " by " + created.channel() + ".");
				if (created.signingSecret() != null) {
					redirect.addFlashAttribute("signingSecret", created.signingSecret());
				}
				return "redirect:/subscriptions";
			}
			catch (InvalidInputException ex) {
				ex.problems().forEach((problem) -> reject(errors, problem.field(), problem.message()));
			}
			catch (UnknownReferenceException ex) {
				reject(errors, ex.field().orElse(null), ex.getMessage());
			}
			catch (InvalidFilterException ex) {
				errors.rejectValue("filter", "invalid", ex.getMessage());
			}
			catch (ConflictException ex) {
				errors.reject("duplicate", ex.getMessage());
			}
		}
		model.addAttribute("formOpen", true);
		return list(scope, model);
	}

	@PostMapping("/subscriptions/{id}/enabled")
	String enable(@PathVariable UUID id, @RequestParam boolean enabled, ConsoleScope scope,
			RedirectAttributes redirect) {
		SubscriptionView changed;
		try {
			changed = this.subscriptions.update(scope.tenantScope(), id,
					new SubscriptionUpdate(null, null, enabled, null, null));
		}
		catch (NotFoundException ex) {
			throw new PageNotFoundException();
		}
		redirect.addFlashAttribute("saved", "Subscription " + changed.eventType() + " → " + changed.template() + " "
				+ (enabled ? "resumed: new events notify again." : "paused: new events notify nobody."));
		return "redirect:/subscriptions";
	}

	@PostMapping("/subscriptions/{id}/delete")
	String delete(@PathVariable UUID id, ConsoleScope scope, RedirectAttributes redirect) {
		boolean deleted;
		try {
			deleted = this.subscriptions.delete(scope.tenantScope(), id);
		}
		catch (NotFoundException ex) {
			throw new PageNotFoundException();
		}
		redirect.addFlashAttribute("saved", deleted ? "Subscription deleted."
				: "Subscription disabled rather than deleted: its delivery history still refers to it.");
		return "redirect:/subscriptions";
	}

	private String problem(String filter) {
		if (blank(filter)) {
			return null;
		}
		try {
			this.filters.check(filter);
			return null;
		}
		catch (InvalidFilterException ex) {
			return ex.getMessage();
		}
	}

	private static void reject(BindingResult errors, String field, String message) {
		if (field != null
				&& List.of("eventType", "template", "channel", "endpoint", "recipient", "filter").contains(field)) {
			errors.rejectValue(field, "invalid", message);
		}
		else {
			errors.reject("invalid", message);
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	/**
	 * @param recipient {@code subject} or a JSON Pointer into the event's data
	 */
	record SubscriptionForm(String eventType, String template, String channel, String endpoint, String recipient,
			String filter) {

	}

	record TemplateChoice(String name, String channel, String label) {

	}

	record Row(UUID id, String eventType, String template, String channel, String to, String filter, boolean enabled) {

		static Row of(SubscriptionView subscription) {
			String to = (subscription.channel() == Channel.WEBHOOK) ? subscription.endpoint()
					: "recipient: " + subscription.recipient();
			return new Row(subscription.id(), subscription.eventType(), subscription.template(),
					subscription.channel().name(), to, subscription.filter(), subscription.enabled());
		}

	}

}
