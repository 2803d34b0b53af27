package io.herald.api.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The published OpenAPI document: API key (bearer) security everywhere but the operators'
 * {@code /api/v1/ops/**} (HTTP Basic), the CloudEvent and problem+json schemas, and the
 * error answers every operation can give. The controllers' annotations say what each
 * operation does; this class adds what is the same for all of them, so that every
 * operation lists its error answers without repeating them. The document is checked into
 * {@code docs/openapi.json}, and a test fails when it differs from what the running API
 * serves.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiDocumentation {

	static final String API_KEY = "apiKey";

	static final String OPERATOR = "operator";

	static final String PROBLEM = "Problem";

	static final String CLOUD_EVENT = "CloudEvent";

	private static final String OPS = "/api/v1/ops/";

	@Bean
	OpenAPI heraldOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Herald API")
				.version("v1")
				.description("Multi-tenant, event-driven notifications. Tenants publish facts (CloudEvents such as "
						+ "OrderPlaced) and subscribe notification templates to event types; Herald fans each event "
						+ "out to every matching subscription and delivers by webhook, e-mail and push. Tenant "
						+ "endpoints take an API key as a bearer token (`Authorization: Bearer hrld_…`) and need "
						+ "the scope named in each operation; operators' endpoints under /api/v1/ops take HTTP "
						+ "Basic. Every error is application/problem+json with a requestId.")
				.license(new License().name("Apache-2.0")))
			.servers(List.of(new Server().url("http://127.0.0.1:8080").description("local mode")))
			.components(new Components()
				.addSecuritySchemes(API_KEY,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.bearerFormat("hrld_<prefix>_<secret>")
							.description("A tenant's API key; its scopes decide what it may call"))
				.addSecuritySchemes(OPERATOR,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("basic")
							.description("An operator account (herald.operator)"))
				.addSchemas(PROBLEM, problemSchema())
				.addSchemas(CLOUD_EVENT, cloudEventSchema()));
	}

	/**
	 * Security per path, and the error answers shared by all operations, added where an
	 * operation does not name them itself.
	 */
	@Bean
	OpenApiCustomizer heraldErrorResponses() {
		return (openApi) -> openApi.getPaths().forEach((path, item) -> {
			boolean ops = path.startsWith(OPS);
			item.readOperationsMap().forEach((method, operation) -> {
				operation.setSecurity(List.of(new SecurityRequirement().addList(ops ? OPERATOR : API_KEY)));
				if (operation.getSummary() != null) {
					// stable ids: the generated ones carry counters that shift when
					// endpoints are added
					operation.setOperationId(operationId(operation.getSummary()));
				}
				ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses()
						: new ApiResponses();
				boolean body = operation.getRequestBody() != null;
				boolean params = operation.getParameters() != null && !operation.getParameters().isEmpty();
				if (body || params) {
					problem(responses, "400", "The input breaks a rule: `errors` names each bad field");
				}
				problem(responses, "401", "No credentials, or wrong, revoked or expired ones");
				problem(responses, "403",
						ops ? "Not an operator" : "The key lacks the scope this operation needs, or its tenant "
								+ "is suspended (type …/insufficient-scope or …/tenant-suspended)");
				if (path.contains("{")) {
					problem(responses, "404", "No such resource for this tenant (another tenant's ids are 404 too)");
				}
				if (body) {
					problem(responses, "413", "The body is larger than herald.api.max-request-size");
					problem(responses, "415", "The body is not JSON (see the media types accepted)");
				}
				if (method == PathItem.HttpMethod.POST) {
					idempotencyKey(operation, responses);
				}
				if (path.startsWith("/api/v1/events")) {
					problem(responses, "429", "Over the tenant's ingest quota; retry after Retry-After seconds");
					problem(responses, "503", "The event log (Kafka) did not confirm in time; retry");
				}
				operation.setResponses(responses);
			});
		});
	}

	/** Every POST takes an Idempotency-Key (decision 0071). */
	private static void idempotencyKey(Operation operation, ApiResponses responses) {
		boolean named = operation.getParameters() != null && operation.getParameters()
			.stream()
			.anyMatch((parameter) -> "Idempotency-Key".equals(parameter.getName()));
		if (!named) {
			operation.addParametersItem(new HeaderParameter().name("Idempotency-Key")
				.required(false)
				.description("Retry safely: the same key with the same request within 24 h answers as the first "
						+ "time (Idempotent-Replayed: true) without doing it again")
				.schema(new StringSchema().minLength(1).maxLength(255)));
		}
		problem(responses, "409", "A request with this Idempotency-Key is still running (…/idempotency-key-in-progress)"
				+ " or the change conflicts with an existing resource");
		problem(responses, "422", "This Idempotency-Key was used for another request (…/idempotency-key-reused)");
	}

	/** "List event types" → "listEventTypes". */
	static String operationId(String summary) {
		StringBuilder id = new StringBuilder();
		for (String word : summary.replaceAll("[^A-Za-z0-9 ]", " ").trim().split("\\s+")) {
			if (id.isEmpty()) {
				id.append(word.toLowerCase(Locale.ROOT));
			}
			else {
				id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
			}
		}
		return id.toString();
	}

	private static void problem(ApiResponses responses, String status, String description) {
		if (!responses.containsKey(status)) {
			responses.addApiResponse(status,
					new ApiResponse().description(description)
						.content(new Content().addMediaType("application/problem+json",
								new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
		}
	}

	private static Schema<?> problemSchema() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("type", new StringSchema().example("https://herald.dev/problems/validation"));
		properties.put("title", new StringSchema().example("Your request is not valid"));
		properties.put("status", new IntegerSchema().example(400));
		properties.put("detail", new StringSchema());
		properties.put("instance", new StringSchema().example("/api/v1/subscriptions"));
		properties.put("requestId", new StringSchema().description("Also in the X-Request-Id header and the logs"));
		properties.put("errors",
				new ArraySchema().items(new ObjectSchema().addProperty("field", new StringSchema().example("endpoint"))
					.addProperty("message", new StringSchema().example("must be an http(s) URL"))));
		return new ObjectSchema().description("RFC 9457 problem details").properties(properties);
	}

	private static Schema<?> cloudEventSchema() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("specversion", new StringSchema()._enum(List.of("1.0")));
		properties.put("id",
				new StringSchema().maxLength(200)
					.description("Unique per source; a repeated id is delivered once")
					.example("evt-0001"));
		properties.put("source", new StringSchema().maxLength(500).example("/shop/orders"));
		properties.put("type",
				new StringSchema().maxLength(200)
					.description("An event type of the tenant (a fact, e.g. OrderPlaced)")
					.example("OrderPlaced"));
		properties.put("subject",
				new StringSchema().maxLength(500)
					.description("Usually the recipient's external id")
					.example("user-42"));
		properties.put("time", new StringSchema().format("date-time"));
		properties.put("datacontenttype", new StringSchema().example("application/json"));
		properties.put("data", new ObjectSchema().description("Checked against the event type's JSON Schema"));
		ObjectSchema schema = new ObjectSchema();
		schema.description("A CloudEvent 1.0 in structured JSON mode")
			.required(List.of("specversion", "id", "source", "type"))
			.properties(properties);
		// insertion order: the published document must come out the same on every run
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("orderId", "o-1");
		data.put("total", 42);
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("specversion", "1.0");
		example.put("id", "evt-0001");
		example.put("source", "/shop/orders");
		example.put("type", "OrderPlaced");
		example.put("subject", "user-42");
		example.put("data", data);
		schema.example(example);
		return schema;
	}

}
