package io.herald.api.event;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.api.apikey.ApiCaller;
import io.herald.core.support.ExpiringCache;
import io.herald.api.web.ProblemException;
import io.herald.api.web.ProblemType;
import io.herald.core.event.CloudEventCodec;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.eventtype.EventSchemas;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeRepository;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Takes a tenant's CloudEvent: reads it, stamps the tenant from the API key (whatever
 * {@code tenantid} says), checks it against its registered type's schema and appends it
 * to the event log. Duplicates are accepted; the worker deduplicates by id. Registered
 * types are kept for {@code herald.api.lookup-cache.ttl}, so a schema change applies
 * within that time; an unknown type is looked up every time.
 */
@Service
class EventIngestion {

	private static final int CACHE_SIZE = 10_000;

	private final CloudEventCodec codec;

	private final EventTypeRepository eventTypes;

	private final EventSchemas schemas;

	private final EventPublisher publisher;

	private final MeterRegistry meters;

	private final ExpiringCache<TypeKey, EventType> types;

	EventIngestion(CloudEventCodec codec, EventTypeRepository eventTypes, EventSchemas schemas,
			EventPublisher publisher, MeterRegistry meters,
			@Value("${herald.api.lookup-cache.ttl:5s}") Duration cacheTtl) {
		this.codec = codec;
		this.eventTypes = eventTypes;
		this.schemas = schemas;
		this.publisher = publisher;
		this.meters = meters;
		this.types = new ExpiringCache<>(cacheTtl, CACHE_SIZE);
	}

	CloudEventEnvelope accept(ApiCaller caller, byte[] body) {
		CloudEventEnvelope event = this.codec.read(body).withTenant(caller.tenantId());
		EventType type = this.types
			.get(new TypeKey(caller.tenantId(), event.type()),
					(key) -> this.eventTypes.findByTenantIdAndName(key.tenantId(), key.name()))
			.orElseThrow(() -> rejected("unknown_type",
					new ProblemException(ProblemType.UNKNOWN_EVENT_TYPE,
							"No event type named '" + event.type() + "' is registered: POST /api/v1/event-types first",
							Map.of("eventType", event.type()))));
		List<String> violations = this.schemas.violations(type.getJsonSchema(), event.data());
		if (!violations.isEmpty()) {
			throw rejected("schema", new ProblemException(ProblemType.SCHEMA_VIOLATION,
					"The event's data does not conform to the schema of '" + type.getName() + "': see violations",
					Map.of("violations", violations)));
		}
		this.publisher.publish(event);
		this.meters.counter("herald.api.events.accepted").increment();
		return event;
	}

	private ProblemException rejected(String reason, ProblemException problem) {
		this.meters.counter("herald.api.events.rejected", "reason", reason).increment();
		return problem;
	}

	private record TypeKey(UUID tenantId, String name) {
	}

}
