package io.herald.api.eventtype;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.api.apikey.ApiCaller;
import io.herald.api.web.JsonText;
import io.herald.api.web.ProblemException;
import io.herald.api.web.ProblemType;
import io.herald.core.audit.AuditLog;
import io.herald.core.eventtype.EventSchemas;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's event types: the schema is checked and the sample payload must satisfy it
 * before anything is stored.
 */
@Service
class EventTypeManagement {

	private final EventTypeRepository eventTypes;

	private final EventSchemas schemas;

	private final JsonText json;

	private final AuditLog audit;

	private final Clock clock;

	EventTypeManagement(EventTypeRepository eventTypes, EventSchemas schemas, JsonText json, AuditLog audit,
			Clock clock) {
		this.eventTypes = eventTypes;
		this.schemas = schemas;
		this.json = json;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	EventTypeResponse create(ApiCaller caller, EventTypeRequest request) {
		if (this.eventTypes.existsByTenantIdAndName(caller.tenantId(), request.name())) {
			throw ProblemException.conflict("An event type named '" + request.name() + "' already exists");
		}
		String schema = schemaText(request.schema());
		String sample = this.json.write(request.samplePayload());
		checkSample(schema, request.samplePayload());
		EventType type = this.eventTypes.saveAndFlush(new EventType(caller.tenantId(), request.name(),
				request.description(), schema, sample, this.clock.instant()));
		this.audit.append(caller.actor(), caller.tenantId(), "event-type.created", "event_type",
				type.getId().toString(), Map.of("name", type.getName()));
		return response(type);
	}

	@Transactional
	EventTypeResponse update(ApiCaller caller, UUID id, EventTypeRequest request) {
		EventType type = find(caller, id);
		if (request.name() != null && !request.name().equals(type.getName())) {
			throw ProblemException.invalid("name", "cannot be changed: events refer to the type by name");
		}
		String schema = schemaText(request.schema());
		checkSample(schema, request.samplePayload());
		type.update(request.description(), schema, this.json.write(request.samplePayload()), this.clock.instant());
		this.audit.append(caller.actor(), caller.tenantId(), "event-type.updated", "event_type", id.toString(),
				Map.of("name", type.getName()));
		return response(type);
	}

	@Transactional(readOnly = true)
	List<EventTypeResponse> list(ApiCaller caller) {
		return this.eventTypes.findAllByTenantIdOrderByNameAsc(caller.tenantId()).stream().map(this::response).toList();
	}

	@Transactional(readOnly = true)
	EventTypeResponse get(ApiCaller caller, UUID id) {
		return response(find(caller, id));
	}

	private EventType find(ApiCaller caller, UUID id) {
		return this.eventTypes.findByIdAndTenantId(id, caller.tenantId())
			.orElseThrow(() -> ProblemException.notFound("Event type"));
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
			throw new ProblemException(ProblemType.SCHEMA_VIOLATION,
					"samplePayload does not conform to the schema: see violations", Map.of("violations", violations));
		}
	}

	private EventTypeResponse response(EventType type) {
		return new EventTypeResponse(type.getId(), type.getName(), type.getDescription(),
				this.json.read(type.getJsonSchema()), this.json.read(type.getSamplePayload()), type.getCreatedAt(),
				type.getUpdatedAt());
	}

}
