package io.herald.api.eventtype;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.herald.api.apikey.ApiCaller;
import io.herald.core.eventtype.EventTypeDraft;
import io.herald.core.eventtype.EventTypeManagement;
import io.herald.core.eventtype.EventTypeUpdate;
import io.herald.core.eventtype.EventTypeView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Event types", description = "The facts a tenant publishes, with an optional JSON Schema and sample")
@RestController
@RequestMapping("/api/v1/event-types")
class EventTypeController {

	private final EventTypeManagement eventTypes;

	EventTypeController(EventTypeManagement eventTypes) {
		this.eventTypes = eventTypes;
	}

	@Operation(summary = "Create an event type", description = "Scope `config:write`. 409 when the name exists.")
	@PostMapping
	ResponseEntity<EventTypeView> create(@AuthenticationPrincipal ApiCaller caller,
			@Valid @RequestBody EventTypeDraft request) {
		EventTypeView created = this.eventTypes.create(caller.scope(), request);
		return ResponseEntity.created(URI.create("/api/v1/event-types/" + created.id())).body(created);
	}

	@Operation(summary = "List event types", description = "Scope `config:read`.")
	@GetMapping
	EventTypeList list(@AuthenticationPrincipal ApiCaller caller) {
		return new EventTypeList(this.eventTypes.list(caller.scope()));
	}

	@Operation(summary = "Get an event type", description = "Scope `config:read`.")
	@GetMapping("/{id}")
	EventTypeView get(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id) {
		return this.eventTypes.get(caller.scope(), id);
	}

	@Operation(summary = "Update an event type",
			description = "Scope `config:write`. The name cannot change; the audit log records before and after.")
	@PutMapping("/{id}")
	EventTypeView update(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id,
			@Valid @RequestBody EventTypeUpdate request) {
		return this.eventTypes.update(caller.scope(), id, request);
	}

	record EventTypeList(List<EventTypeView> items) {
	}

}
