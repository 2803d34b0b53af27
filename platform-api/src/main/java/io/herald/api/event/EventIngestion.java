package io.herald.api.event;

import io.herald.api.apikey.ApiCaller;
import io.herald.core.error.SchemaViolationException;
import io.herald.core.error.UnknownEventTypeException;
import io.herald.core.event.CloudEventCodec;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.eventtype.EventTypeAcceptance;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;

/**
 * Takes a tenant's CloudEvent: reads it, stamps the tenant from the API key (whatever
 * {@code tenantid} says), runs platform-core's event-type acceptance (the same check the
 * worker runs) and appends it to the event log. Duplicates are accepted; the worker
 * deduplicates by id.
 */
@Service
class EventIngestion {

	private final CloudEventCodec codec;

	private final EventTypeAcceptance acceptance;

	private final EventPublisher publisher;

	private final MeterRegistry meters;

	EventIngestion(CloudEventCodec codec, EventTypeAcceptance acceptance, EventPublisher publisher,
			MeterRegistry meters) {
		this.codec = codec;
		this.acceptance = acceptance;
		this.publisher = publisher;
		this.meters = meters;
	}

	CloudEventEnvelope accept(ApiCaller caller, byte[] body) {
		CloudEventEnvelope event = check(caller, this.codec.read(body).withTenant(caller.tenantId()));
		this.publisher.publish(event);
		this.meters.counter("herald.api.events.accepted").increment();
		return event;
	}

	/**
	 * The event-type acceptance of one event (registered type, schema), counting refusals
	 * by reason; single and batch ingest share it.
	 */
	CloudEventEnvelope check(ApiCaller caller, CloudEventEnvelope event) {
		try {
			this.acceptance.accept(caller.tenantId(), event.type(), event.data());
		}
		catch (UnknownEventTypeException ex) {
			throw rejected("unknown_type", ex);
		}
		catch (SchemaViolationException ex) {
			throw rejected("schema", ex);
		}
		return event;
	}

	RuntimeException rejected(String reason, RuntimeException refusal) {
		this.meters.counter("herald.api.events.rejected", "reason", reason).increment();
		return refusal;
	}

}
