package io.herald.api.event;

import java.net.URI;

import io.herald.api.apikey.ApiCaller;
import io.herald.core.event.CloudEventEnvelope;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Event ingestion: one CloudEvent in structured JSON mode per request.
 */
@RestController
@RequestMapping("/api/v1/events")
class EventController {

	private final EventIngestion ingestion;

	EventController(EventIngestion ingestion) {
		this.ingestion = ingestion;
	}

	/**
	 * 202 once the event is durably in the log; the notifications it causes appear under
	 * the {@code Location} given.
	 */
	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, EventPublisher.CONTENT_TYPE })
	ResponseEntity<Accepted> publish(@AuthenticationPrincipal ApiCaller caller, @RequestBody byte[] body) {
		CloudEventEnvelope event = this.ingestion.accept(caller, body);
		URI notifications = UriComponentsBuilder.fromPath("/api/v1/notifications")
			.queryParam("eventId", event.id())
			.encode()
			.build()
			.toUri();
		return ResponseEntity.accepted().location(notifications).body(new Accepted(event.id()));
	}

	record Accepted(String id) {
	}

}
