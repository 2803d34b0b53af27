package io.herald.core.eventtype;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON Schemas of event types: checked when an event type is saved, then used to validate
 * event data. Schemas default to draft 2020-12; {@code $schema} may name another draft.
 * Only the bundled meta-schemas can be referenced: a tenant's schema never makes Herald
 * fetch a URL or read a classpath resource. Patterns run on RE2/J
 * ({@link LinearTimeRegularExpressionFactory}): validation time is linear in the data.
 */
@Component
public class EventSchemas {

	private static final int CACHE_SIZE = 1_000;

	private static final int MAX_VIOLATIONS = 50;

	private final JsonMapper json;

	private final SchemaRegistry registry = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
				(builder) -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
					.pathType(PathType.JSON_POINTER)
					.locale(Locale.ENGLISH)
					.regularExpressionFactory(LinearTimeRegularExpressionFactory.INSTANCE)
					.build()).schemaLoader((loader) -> loader.allow(EventSchemas::isMetaSchema)));

	private final Map<String, Schema> schemas = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Schema> eldest) {
			return size() > CACHE_SIZE;
		}
	});

	public EventSchemas(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Checks that {@code schemaJson} is a JSON Schema valid against its dialect's
	 * meta-schema.
	 * @throws InvalidSchemaException when it is not
	 */
	public void checkSchema(String schemaJson) {
		if (schemaJson == null || schemaJson.isBlank()) {
			return;
		}
		schema(schemaJson);
	}

	/**
	 * The ways {@code data} breaks the schema, as {@code "<JSON Pointer>: <message>"}
	 * lines; empty when it conforms or when there is no schema.
	 */
	public List<String> violations(String schemaJson, JsonNode data) {
		if (schemaJson == null || schemaJson.isBlank()) {
			return List.of();
		}
		JsonNode instance = (data != null) ? data : this.json.nullNode();
		return format(schema(schemaJson).validate(instance));
	}

	private Schema schema(String schemaJson) {
		Schema cached = this.schemas.get(schemaJson);
		if (cached != null) {
			return cached;
		}
		JsonNode node = parse(schemaJson);
		Schema schema;
		try {
			List<String> problems = format(metaSchema(node).validate(node));
			if (!problems.isEmpty()) {
				throw new InvalidSchemaException("invalid JSON Schema: " + String.join("; ", problems));
			}
			schema = this.registry.getSchema(node);
			schema.validate(this.json.nullNode());
		}
		catch (SchemaException ex) {
			throw new InvalidSchemaException("invalid JSON Schema: " + safeMessage(ex));
		}
		catch (IllegalArgumentException ex) {
			// a pattern SafeRegex refuses
			throw new InvalidSchemaException("invalid JSON Schema: " + ex.getMessage());
		}
		this.schemas.put(schemaJson, schema);
		return schema;
	}

	private Schema metaSchema(JsonNode node) {
		SpecificationVersion version = SpecificationVersion.DRAFT_2020_12;
		JsonNode declared = node.get("$schema");
		if (declared != null && declared.isString()) {
			version = SpecificationVersion.fromDialectId(declared.asString())
				.orElseThrow(() -> new InvalidSchemaException("unsupported $schema: use a JSON Schema draft URI"));
		}
		return this.registry.getSchema(SchemaLocation.of(version.getDialectId()));
	}

	private JsonNode parse(String schemaJson) {
		JsonNode node;
		try {
			node = this.json.readTree(schemaJson);
		}
		catch (JacksonException ex) {
			throw new InvalidSchemaException("schema is not valid JSON");
		}
		if (node == null || !(node.isObject() || node.isBoolean())) {
			throw new InvalidSchemaException("schema must be a JSON object");
		}
		return node;
	}

	private static List<String> format(List<Error> errors) {
		return errors.stream().limit(MAX_VIOLATIONS).map(EventSchemas::format).toList();
	}

	private static String format(Error error) {
		String pointer = (error.getInstanceLocation() != null) ? error.getInstanceLocation().toString() : "";
		String message = (error.getMessage() != null) ? error.getMessage() : error.getKeyword();
		return (pointer.isEmpty() || message.startsWith(pointer)) ? message : pointer + ": " + message;
	}

	private static boolean isMetaSchema(com.networknt.schema.AbsoluteIri iri) {
		String value = iri.toString();
		return value.startsWith("https://json-schema.org/") || value.startsWith("http://json-schema.org/");
	}

	private static String safeMessage(SchemaException ex) {
		Error error = ex.getError();
		if (error != null && error.getMessage() != null) {
			return error.getMessage();
		}
		return "the schema cannot be compiled";
	}

}
