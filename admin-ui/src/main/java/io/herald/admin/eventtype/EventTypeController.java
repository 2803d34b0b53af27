package io.herald.admin.eventtype;

import java.util.UUID;

import io.herald.admin.web.ConsoleScope;
import io.herald.core.error.ConflictException;
import io.herald.core.error.FieldProblem;
import io.herald.core.error.InvalidInputException;
import io.herald.core.error.SchemaViolationException;
import io.herald.core.eventtype.EventTypeDraft;
import io.herald.core.eventtype.EventTypeManagement;
import io.herald.core.eventtype.EventTypeNaming;
import io.herald.core.eventtype.EventTypeUpdate;
import io.herald.core.eventtype.EventTypeView;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's event types: list, create, edit; JSON Schema and sample with their
 * validation messages next to the fields; a warning when a name reads like a command.
 */
@Controller
class EventTypeController {

	private final EventTypeManagement eventTypes;

	private final JsonMapper json;

	EventTypeController(EventTypeManagement eventTypes, JsonMapper json) {
		this.eventTypes = eventTypes;
		this.json = json;
	}

	@GetMapping("/event-types")
	String list(ConsoleScope scope, Model model) {
		model.addAttribute("eventTypes", this.eventTypes.list(scope.tenantScope()).stream().map(Row::of).toList());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", EventTypeForm.empty());
		}
		return "event-types";
	}

	/** The command-name warning as you type (htmx): a fragment, empty for a fact. */
	@GetMapping("/event-types/name-check")
	String nameCheck(@RequestParam(defaultValue = "") String name, Model model) {
		model.addAttribute("commandName", EventTypeNaming.readsLikeACommand(name) ? name : null);
		return "event-types :: command-warning";
	}

	@PostMapping("/event-types")
	String create(@Valid @ModelAttribute("form") EventTypeForm form, BindingResult errors, ConsoleScope scope,
			Model model, RedirectAttributes redirect) {
		JsonNode schema = parse(form.schema(), "schema", errors);
		JsonNode sample = parse(form.sample(), "sample", errors);
		if (form.name() == null || form.name().isBlank()) {
			errors.rejectValue("name", "required", "Enter a name, e.g. UserRegistered.");
		}
		if (!errors.hasErrors()) {
			try {
				EventTypeView created = this.eventTypes.create(scope.tenantScope(),
						new EventTypeDraft(form.name().strip(), form.description(), schema, sample));
				redirect.addFlashAttribute("saved", "Event type " + created.name() + " created.");
				return "redirect:/event-types/" + created.id();
			}
			catch (ConflictException ex) {
				errors.rejectValue("name", "duplicate", "An event type with this name already exists.");
			}
			catch (InvalidInputException ex) {
				reject(ex, errors);
			}
			catch (SchemaViolationException ex) {
				errors.rejectValue("sample", "violation",
						"The sample does not fit the schema: " + String.join("; ", ex.violations()));
			}
		}
		model.addAttribute("formOpen", true);
		model.addAttribute("commandName", EventTypeNaming.readsLikeACommand(form.name()) ? form.name() : null);
		return list(scope, model);
	}

	@GetMapping("/event-types/{id}")
	String show(@PathVariable UUID id, ConsoleScope scope, Model model) {
		EventTypeView type = this.eventTypes.get(scope.tenantScope(), id);
		model.addAttribute("eventType", Row.of(type));
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new EventTypeForm(type.name(), type.description(), pretty(type.schema()),
					pretty(type.samplePayload())));
		}
		model.addAttribute("commandName", EventTypeNaming.readsLikeACommand(type.name()) ? type.name() : null);
		return "event-type";
	}

	@PostMapping("/event-types/{id}")
	String update(@PathVariable UUID id, @Valid @ModelAttribute("form") EventTypeForm form, BindingResult errors,
			ConsoleScope scope, Model model, RedirectAttributes redirect) {
		EventTypeView type = this.eventTypes.get(scope.tenantScope(), id);
		JsonNode schema = parse(form.schema(), "schema", errors);
		JsonNode sample = parse(form.sample(), "sample", errors);
		if (!errors.hasErrors()) {
			try {
				this.eventTypes.update(scope.tenantScope(), id,
						new EventTypeUpdate(null, form.description(), schema, sample));
				redirect.addFlashAttribute("saved", "Event type " + type.name() + " saved.");
				return "redirect:/event-types/" + id;
			}
			catch (InvalidInputException ex) {
				reject(ex, errors);
			}
			catch (SchemaViolationException ex) {
				errors.rejectValue("sample", "violation",
						"The sample does not fit the schema: " + String.join("; ", ex.violations()));
			}
		}
		return show(id, scope, model);
	}

	private JsonNode parse(String text, String field, BindingResult errors) {
		if (text == null || text.isBlank() || errors.hasFieldErrors(field)) {
			return null;
		}
		try {
			return this.json.readTree(text);
		}
		catch (JacksonException ex) {
			errors.rejectValue(field, "json", "Not valid JSON: " + ex.getOriginalMessage() + location(ex));
			return null;
		}
	}

	private static String location(JacksonException ex) {
		return (ex.getLocation() != null)
				? " (line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() + ")" : "";
	}

	private static void reject(InvalidInputException ex, BindingResult errors) {
		for (FieldProblem problem : ex.problems()) {
			String field = switch (problem.field()) {
				case "name", "description", "schema" -> problem.field();
				case "samplePayload" -> "sample";
				default -> null;
			};
			if (field != null) {
				errors.rejectValue(field, "invalid", capitalized(problem.message()));
			}
			else {
				errors.reject("invalid", problem.field() + " " + problem.message());
			}
		}
	}

	private static String capitalized(String message) {
		return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
	}

	private String pretty(JsonNode node) {
		return (node == null || node.isNull()) ? ""
				: this.json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
	}

	record Row(String id, String name, String description, boolean hasSchema, boolean hasSample, boolean command) {

		static Row of(EventTypeView type) {
			return new Row(type.id().toString(), type.name(), type.description(), type.schema() != null,
					type.samplePayload() != null, EventTypeNaming.readsLikeACommand(type.name()));
		}

	}

}
