package io.herald.api.eventtype;

import java.net.URI;
import java.util.UUID;

import io.herald.api.apikey.ApiCaller;
import io.herald.core.eventtype.EventTypeDraft;
import io.herald.core.eventtype.EventTypeManagement;
import io.herald.core.eventtype.EventTypeUpdate;
import io.herald.core.eventtype.EventTypeView;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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

	/** By name. */
	@Operation(summary = "List event types", description = "Scope `config:read`.")
	@GetMapping
	Page<EventTypeView> list(@AuthenticationPrincipal ApiCaller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return this.eventTypes.page(caller.scope(), PageQuery.of(limit, cursor));
	}

	@Operation(summary = "Get an event type by id or name", description = "Scope `config:read`.")
	@GetMapping("/{idOrName}")
	EventTypeView get(@AuthenticationPrincipal ApiCaller caller, @PathVariable String idOrName) {
		return this.eventTypes.get(caller.scope(), idOrName);
	}

	@Operation(summary = "Delete an event type",
			description = "Scope `config:write`. 204; 409 while a subscription (enabled or not) refers to it.")
	@DeleteMapping("/{idOrName}")
	ResponseEntity<Void> delete(@AuthenticationPrincipal ApiCaller caller, @PathVariable String idOrName) {
		this.eventTypes.delete(caller.scope(), idOrName);
		return ResponseEntity.noContent().build();
	}

	@Operation(summary = "Update an event type",
			description = "Scope `config:write`. The name cannot change; the audit log records before and after.")
	@PutMapping("/{id}")
	EventTypeView update(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id,
			@Valid @RequestBody EventTypeUpdate request) {
		return this.eventTypes.update(caller.scope(), id, request);
	}

}
