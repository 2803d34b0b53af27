package io.herald.core.eventtype;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.core.audit.AuditLog;
import io.herald.core.error.ConflictException;
import io.herald.core.error.InvalidInputException;
import io.herald.core.error.NotFoundException;
import io.herald.core.error.SchemaViolationException;
import io.herald.core.support.Ids;
import io.herald.core.support.InputRules;
import io.herald.core.support.JsonText;
import io.herald.core.support.Page;
import io.herald.core.support.PageCursor;
import io.herald.core.support.PageQuery;
import io.herald.core.tenant.TenantScope;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's event types, the facade of the feature: the schema is checked and the sample
 * payload must satisfy it before anything is stored.
 */
@Service
public class EventTypeManagement {

	private static final String LIST = "event-types";

	private final EventTypeRepository eventTypes;

	private final EventSchemas schemas;

	private final JsonText json;

	private final InputRules rules;

	private final AuditLog audit;

	private final Clock clock;

	EventTypeManagement(EventTypeRepository eventTypes, EventSchemas schemas, JsonText json, InputRules rules,
			AuditLog audit, Clock clock) {
		this.eventTypes = eventTypes;
		this.schemas = schemas;
		this.json = json;
		this.rules = rules;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * @throws ConflictException when the tenant has an event type of that name
	 * @throws InvalidInputException for a bad field, including the schema
	 * @throws SchemaViolationException when the sample does not fit the schema
	 */
	@Transactional
	public EventTypeView create(TenantScope scope, EventTypeDraft draft) {
		this.rules.check(draft);
		if (this.eventTypes.existsByTenantIdAndName(scope.tenantId(), draft.name())) {
			throw new ConflictException("An event type named '" + draft.name() + "' already exists");
		}
		String schema = schemaText(draft.schema());
		checkSample(schema, draft.samplePayload());
		EventType type = this.eventTypes.saveAndFlush(new EventType(scope.tenantId(), draft.name(), draft.description(),
				schema, this.json.write(draft.samplePayload()), this.clock.instant()));
		this.audit.append(scope.actor(), scope.tenantId(), "event-type.created", "event_type", type.getId().toString(),
				Map.of("name", type.getName()));
		return view(type);
	}

	/**
	 * @throws NotFoundException when the tenant has no such event type
	 */
	@Transactional
	public EventTypeView update(TenantScope scope, UUID id, EventTypeUpdate update) {
		this.rules.check(update);
		EventType type = find(scope, id);
		if (update.name() != null && !update.name().equals(type.getName())) {
			throw InvalidInputException.of("name", "cannot be changed: events refer to the type by name");
		}
		String schema = schemaText(update.schema());
		checkSample(schema, update.samplePayload());
		EventTypeView before = view(type);
		type.update(update.description(), schema, this.json.write(update.samplePayload()), this.clock.instant());
		EventTypeView after = view(type);
		this.audit.appendChange(scope.actor(), scope.tenantId(), "event-type.updated", "event_type", id.toString(),
				Map.of("name", type.getName()), before, after);
		return after;
	}

	@Transactional(readOnly = true)
	public List<EventTypeView> list(TenantScope scope) {
		return this.eventTypes.findAllByTenantIdOrderByNameAsc(scope.tenantId()).stream().map(this::view).toList();
	}

	/** A page of the tenant's event types, by name. */
	@Transactional(readOnly = true)
	public Page<EventTypeView> page(TenantScope scope, PageQuery query) {
		String after = query.after(LIST, 1).map((cursor) -> cursor.text(0)).orElse("");
		return Page
			.of(this.eventTypes.pageByName(scope.tenantId(), after, query.fetchSize()), query,
					(type) -> PageCursor.of(LIST, type.getName()))
			.map(this::view);
	}

	@Transactional(readOnly = true)
	public EventTypeView get(TenantScope scope, UUID id) {
		return view(find(scope, id));
	}

	/**
	 * By id, or by name when the text is not an id of the tenant's.
	 * @throws NotFoundException when the tenant has no such event type
	 */
	@Transactional(readOnly = true)
	public EventTypeView get(TenantScope scope, String idOrName) {
		return view(find(scope, idOrName));
	}

	/**
	 * Deletes an event type that no subscription refers to (a deleted subscription with
	 * delivery history stays, disabled, and keeps referring to it).
	 * @throws NotFoundException when the tenant has no such event type
	 * @throws ConflictException while a subscription refers to it
	 */
	@Transactional
	public void delete(TenantScope scope, String idOrName) {
		EventType type = find(scope, idOrName);
		if (this.eventTypes.isSubscribed(scope.tenantId(), type.getId())) {
			throw referenced(type);
		}
		try {
			this.eventTypes.delete(type);
			this.eventTypes.flush();
		}
		catch (DataIntegrityViolationException ex) {
			// a subscription created since the check
			throw referenced(type);
		}
		this.audit.append(scope.actor(), scope.tenantId(), "event-type.deleted", "event_type", type.getId().toString(),
				Map.of("name", type.getName()));
	}

	private static ConflictException referenced(EventType type) {
		return new ConflictException("Event type '" + type.getName()
				+ "' is used by a subscription: delete the subscriptions first (one with delivery history stays,"
				+ " disabled, and keeps the type in use)");
	}

	private EventType find(TenantScope scope, String idOrName) {
		return Ids.parse(idOrName)
			.flatMap((id) -> this.eventTypes.findByIdAndTenantId(id, scope.tenantId()))
			.or(() -> this.eventTypes.findByTenantIdAndName(scope.tenantId(), idOrName))
			.orElseThrow(() -> new NotFoundException("Event type"));
	}

	private EventType find(TenantScope scope, UUID id) {
		return this.eventTypes.findByIdAndTenantId(id, scope.tenantId())
			.orElseThrow(() -> new NotFoundException("Event type"));
	}

	/** A schema may come as a JSON object or as its text. */
	private String schemaText(JsonNode schema) {
		if (JsonText.isAbsent(schema)) {
			return null;
		}
		String text = schema.isString() ? schema.asString() : this.json.write(schema);
		this.schemas.checkSchema(text);
		return text;
	}

	private void checkSample(String schema, JsonNode sample) {
		if (schema == null || JsonText.isAbsent(sample)) {
			return;
		}
		List<String> violations = this.schemas.violations(schema, sample);
		if (!violations.isEmpty()) {
			throw new SchemaViolationException("samplePayload does not conform to the schema: see violations",
					violations);
		}
	}

	private EventTypeView view(EventType type) {
		return new EventTypeView(type.getId(), type.getName(), type.getDescription(),
				this.json.read(type.getJsonSchema()), this.json.read(type.getSamplePayload()), type.getCreatedAt(),
				type.getUpdatedAt());
	}

}
