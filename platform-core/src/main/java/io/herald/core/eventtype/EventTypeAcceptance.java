package io.herald.core.eventtype;

import java.util.List;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.herald.core.config.HeraldCoreProperties;
import io.herald.core.error.SchemaViolationException;
import io.herald.core.error.UnknownEventTypeException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The one check every event passes, in the API before it is published and in the worker
 * before it fans out: the tenant registered its type, and its data fits the type's JSON
 * Schema. Found types are kept for {@code herald.lookup-cache.ttl}, so a burst of events
 * does not read them once per event and a schema change applies within that time; an
 * unknown type is looked up every time, so a newly registered one is accepted at once.
 */
@Service
public class EventTypeAcceptance {

	private final EventTypeRepository eventTypes;

	private final EventSchemas schemas;

	private final Cache<TypeKey, EventType> found;

	EventTypeAcceptance(EventTypeRepository eventTypes, EventSchemas schemas, HeraldCoreProperties properties) {
		this.eventTypes = eventTypes;
		this.schemas = schemas;
		this.found = Caffeine.newBuilder()
			.maximumSize(properties.lookupCache().maxEntries())
			.expireAfterWrite(properties.lookupCache().ttl())
			.build();
	}

	/**
	 * @return the event's registered type
	 * @throws UnknownEventTypeException when the tenant has no type of that name
	 * @throws SchemaViolationException when the data does not fit the type's schema
	 * @throws InvalidSchemaException when the stored schema itself cannot be used
	 */
	public EventType accept(UUID tenantId, String type, JsonNode data) {
		EventType eventType = this.found.get(new TypeKey(tenantId, type),
				(key) -> this.eventTypes.findByTenantIdAndName(key.tenantId(), key.name()).orElse(null));
		if (eventType == null) {
			throw new UnknownEventTypeException(type);
		}
		List<String> violations = this.schemas.violations(eventType.getJsonSchema(), data);
		if (!violations.isEmpty()) {
			throw new SchemaViolationException(
					"The event's data does not conform to the schema of '" + eventType.getName() + "': see violations",
					violations);
		}
		return eventType;
	}

	private record TypeKey(UUID tenantId, String name) {
	}

}
