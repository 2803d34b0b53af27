package io.herald.api.event;

import java.net.URI;

import io.herald.api.apikey.ApiCaller;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.event.EventManagement;
import io.herald.core.event.EventView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Event ingestion (one CloudEvent in structured JSON mode per request, or a batch of them
 * as a JSON array) and the stored events with what fan-out decided for them.
 */
@Tag(name = "Events", description = "Publish facts (CloudEvents); Herald fans them out to subscriptions")
@RestController
@RequestMapping("/api/v1/events")
class EventController {

	private final EventIngestion ingestion;

	private final BatchIngestion batches;

	private final EventManagement events;

	EventController(EventIngestion ingestion, BatchIngestion batches, EventManagement events) {
		this.ingestion = ingestion;
		this.batches = batches;
		this.events = events;
	}

	/**
	 * 202 once the event is durably in the log; the notifications it causes appear under
	 * the {@code Location} given.
	 */
	@Operation(summary = "Publish one event",
			description = "Scope `events:write`. 202 once the event is durably in the log; `Location` lists the notifications it causes. An id already published is accepted again and delivered once.")
	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, EventPublisher.CONTENT_TYPE })
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = {
					@Content(mediaType = EventPublisher.CONTENT_TYPE,
							schema = @Schema(ref = "#/components/schemas/CloudEvent")),
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(ref = "#/components/schemas/CloudEvent")) })
	@ApiResponse(responseCode = "202", description = "In the event log; Location lists its notifications")
	ResponseEntity<Accepted> publish(@AuthenticationPrincipal ApiCaller caller, @RequestBody byte[] body) {
		CloudEventEnvelope event = this.ingestion.accept(caller, body);
		// the id as a URI variable: encoded strictly (braces, '&', '+' and spaces
		// included), where a literal query value would be read as a template
		URI notifications = UriComponentsBuilder.fromPath("/api/v1/notifications")
			.queryParam("eventId", "{eventId}")
			.encode()
			.buildAndExpand(event.id())
			.toUri();
		return ResponseEntity.accepted().location(notifications).body(new Accepted(event.id()));
	}

	/**
	 * 200 with one result per event: the accepted ones are durably in the log, the
	 * rejected ones carry the problem single ingest would have answered.
	 */
	@Operation(summary = "Publish a batch of events",
			description = "Scope `events:write`. A JSON array of 1 to 500 CloudEvents, each judged alone like a single event: 200 with one result per event (ACCEPTED: durably in the log; REJECTED: with the problem single ingest would answer). A second event with the same id in one batch is rejected (duplicate-event-in-batch). The ingest quota counts every element; a batch larger than the tenant's burst is 413. When Kafka cannot take an accepted event the whole call is 503: resend the batch with the same ids.")
	@PostMapping(path = "/batch", consumes = { BatchIngestion.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE })
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = {
					@Content(mediaType = BatchIngestion.CONTENT_TYPE,
							array = @ArraySchema(schema = @Schema(ref = "#/components/schemas/CloudEvent"),
									minItems = 1, maxItems = 500)),
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							array = @ArraySchema(schema = @Schema(ref = "#/components/schemas/CloudEvent"),
									minItems = 1, maxItems = 500)) })
	@ApiResponse(responseCode = "200",
			description = "Every event judged: accepted ones are in the event log, rejected ones carry a problem")
	BatchResult publishBatch(@AuthenticationPrincipal ApiCaller caller, @RequestBody byte[] body) {
		return this.batches.accept(caller, body);
	}

	/**
	 * The stored event and, per subscription of its type, what fan-out decided and why;
	 * 404 while the worker has not stored it (or it is another tenant's).
	 */
	@Operation(summary = "Get an event with what fan-out decided",
			description = "Scope `notifications:read`. The stored event and `explain`: per subscription of its type the outcome fan-out recorded (NOTIFIED, FILTERED, SUPPRESSED, FAILED, DISABLED; NOT_EVALUATED for subscriptions it never saw), the reason and the notification ids. 404 until the worker stored it, and for another tenant's id.")
	@GetMapping("/{id}")
	EventView get(@AuthenticationPrincipal ApiCaller caller, @PathVariable String id) {
		return this.events.find(caller.scope(), id);
	}

	record Accepted(String id) {
	}

}
