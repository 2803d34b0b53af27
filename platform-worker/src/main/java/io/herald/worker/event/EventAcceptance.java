package io.herald.worker.event;

import java.time.Duration;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.herald.core.error.SchemaViolationException;
import io.herald.core.error.UnknownEventTypeException;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeAcceptance;
import io.herald.core.eventtype.InvalidSchemaException;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantRepository;
import io.herald.worker.fanout.AcceptedEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks what the API checks before an event from the topic may fan out: a known tenant,
 * and the event-type acceptance of platform-core (a registered type, data that fits its
 * JSON Schema). A failure is a {@link DeadLetterException}: retrying cannot fix it. Found
 * tenants are kept for {@code herald.worker.lookup-cache.ttl} (5 s), so a burst of events
 * does not read them once per event; an unknown one is looked up every time.
 */
@Component
class EventAcceptance {

	private static final int CACHE_SIZE = 10_000;

	private final TenantRepository tenants;

	private final EventTypeAcceptance eventTypes;

	private final Cache<UUID, Tenant> tenantCache;

	EventAcceptance(TenantRepository tenants, EventTypeAcceptance eventTypes,
			@Value("${herald.worker.lookup-cache.ttl:5s}") Duration cacheTtl) {
		this.tenants = tenants;
		this.eventTypes = eventTypes;
		this.tenantCache = Caffeine.newBuilder().maximumSize(CACHE_SIZE).expireAfterWrite(cacheTtl).build();
	}

	AcceptedEvent accept(CloudEventEnvelope event) {
		UUID tenantId = event.tenantId();
		if (tenantId == null) {
			throw new DeadLetterException("the event has no tenantid extension attribute", null, event.id());
		}
		Tenant tenant = this.tenantCache.get(tenantId, (id) -> this.tenants.findById(id).orElse(null));
		if (tenant == null) {
			throw new DeadLetterException("unknown tenant " + tenantId, tenantId, event.id());
		}
		EventType type;
		try {
			type = this.eventTypes.accept(tenantId, event.type(), event.data());
		}
		catch (UnknownEventTypeException ex) {
			throw new DeadLetterException("unknown event type '" + event.type() + "'", tenantId, event.id());
		}
		catch (InvalidSchemaException ex) {
			throw new DeadLetterException(
					"the JSON Schema of event type '" + event.type() + "' is unusable: " + ex.getMessage(), tenantId,
					event.id());
		}
		catch (SchemaViolationException ex) {
			throw new DeadLetterException("data does not match the JSON Schema of event type '" + event.type() + "': "
					+ String.join("; ", ex.violations()), tenantId, event.id());
		}
		return new AcceptedEvent(tenant, type, event);
	}

}
