package io.herald.worker.event;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.eventtype.EventSchemas;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeRepository;
import io.herald.core.eventtype.InvalidSchemaException;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantRepository;
import io.herald.core.support.ExpiringCache;
import io.herald.worker.fanout.AcceptedEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks what the API checks before an event from the topic may fan out: a known tenant,
 * an event type the tenant registered, and data that fits the type's JSON Schema. A
 * failure is a {@link DeadLetterException}: retrying cannot fix it. Found tenants and
 * event types are kept for {@code herald.worker.lookup-cache.ttl} (5 s), so a burst of
 * events does not read them from the database once per event; an unknown one is looked up
 * every time.
 */
@Component
class EventAcceptance {

	private static final int CACHE_SIZE = 10_000;

	private final TenantRepository tenants;

	private final EventTypeRepository eventTypes;

	private final EventSchemas schemas;

	private final ExpiringCache<UUID, Tenant> tenantCache;

	private final ExpiringCache<TypeKey, EventType> typeCache;

	EventAcceptance(TenantRepository tenants, EventTypeRepository eventTypes, EventSchemas schemas,
			@Value("${herald.worker.lookup-cache.ttl:5s}") Duration cacheTtl) {
		this.tenants = tenants;
		this.eventTypes = eventTypes;
		this.schemas = schemas;
		this.tenantCache = new ExpiringCache<>(cacheTtl, CACHE_SIZE);
		this.typeCache = new ExpiringCache<>(cacheTtl, CACHE_SIZE);
	}

	AcceptedEvent accept(CloudEventEnvelope event) {
		UUID tenantId = event.tenantId();
		if (tenantId == null) {
			throw new DeadLetterException("the event has no tenantid extension attribute", null, event.id());
		}
		Tenant tenant = this.tenantCache.get(tenantId, this.tenants::findById)
			.orElseThrow(() -> new DeadLetterException("unknown tenant " + tenantId, tenantId, event.id()));
		EventType type = this.typeCache
			.get(new TypeKey(tenantId, event.type()),
					(key) -> this.eventTypes.findByTenantIdAndName(key.tenantId(), key.name()))
			.orElseThrow(
					() -> new DeadLetterException("unknown event type '" + event.type() + "'", tenantId, event.id()));
		List<String> violations;
		try {
			violations = this.schemas.violations(type.getJsonSchema(), event.data());
		}
		catch (InvalidSchemaException ex) {
			throw new DeadLetterException(
					"the JSON Schema of event type '" + type.getName() + "' is unusable: " + ex.getMessage(), tenantId,
					event.id());
		}
		if (!violations.isEmpty()) {
			throw new DeadLetterException("data does not match the JSON Schema of event type '" + type.getName() + "': "
					+ String.join("; ", violations), tenantId, event.id());
		}
		return new AcceptedEvent(tenant, type, event);
	}

	private record TypeKey(UUID tenantId, String name) {
	}

}
