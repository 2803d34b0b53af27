package io.herald.api.subscription;

import java.net.URI;
import java.util.UUID;

import io.herald.api.apikey.ApiCaller;
import io.herald.core.subscription.SubscriptionDraft;
import io.herald.core.subscription.SubscriptionManagement;
import io.herald.core.subscription.SubscriptionUpdate;
import io.herald.core.subscription.SubscriptionView;
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

@Tag(name = "Subscriptions", description = "Which template is sent, on which channel, to whom, for which event type")
@RestController
@RequestMapping("/api/v1/subscriptions")
class SubscriptionController {

	private final SubscriptionManagement subscriptions;

	SubscriptionController(SubscriptionManagement subscriptions) {
		this.subscriptions = subscriptions;
	}

	@Operation(summary = "Create a subscription",
			description = "Scope `config:write`. A webhook subscription answers its signing secret once. 409 for a duplicate.")
	@PostMapping
	ResponseEntity<SubscriptionView> create(@AuthenticationPrincipal ApiCaller caller,
			@Valid @RequestBody SubscriptionDraft request) {
		SubscriptionView created = this.subscriptions.create(caller.scope(), request);
		return ResponseEntity.created(URI.create("/api/v1/subscriptions/" + created.id())).body(created);
	}

	/** Oldest first. */
	@Operation(summary = "List subscriptions", description = "Scope `config:read`.")
	@GetMapping
	Page<SubscriptionView> list(@AuthenticationPrincipal ApiCaller caller,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		return this.subscriptions.page(caller.scope(), PageQuery.of(limit, cursor));
	}

	@Operation(summary = "Get a subscription", description = "Scope `config:read`.")
	@GetMapping("/{id}")
	SubscriptionView get(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id) {
		return this.subscriptions.get(caller.scope(), id);
	}

	@Operation(summary = "Update a subscription",
			description = "Scope `config:write`. Changes the fields given; the CEL filter is checked on save.")
	@PutMapping("/{id}")
	SubscriptionView update(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id,
			@Valid @RequestBody SubscriptionUpdate update) {
		return this.subscriptions.update(caller.scope(), id, update);
	}

	/**
	 * 204 either way: deleted when nothing was sent for it yet, otherwise disabled so
	 * that delivery history keeps its subscription.
	 */
	@Operation(summary = "Delete or disable a subscription",
			description = "Scope `config:write`. 204: deleted when nothing was sent for it yet, otherwise disabled so that history keeps it.")
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id) {
		this.subscriptions.delete(caller.scope(), id);
		return ResponseEntity.noContent().build();
	}

}
