package io.herald.api;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws hundreds of malformed bodies — wrong types, nulls, unknown fields, huge and
 * deeply nested JSON, bad UTF-8, wrong or broken media types, empty bodies — at every
 * write endpoint, and expects never a {@code 5xx}: every refusal is a {@code 4xx}
 * {@code application/problem+json} body naming the request's {@code X-Request-Id} (a body
 * that is acceptable as it stands, such as an idempotent DELETE, may succeed).
 */
class MalformedInputIntegrationTests extends ApiIntegrationTest {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> FIELDS = List.of("name", "description", "schema", "samplePayload", "channel",
			"locale", "subject", "body", "eventType", "template", "endpoint", "recipient", "filter", "enabled", "email",
			"phone", "attributes", "provider", "connectionString", "host", "port", "password", "scopes", "expiresAt",
			"graceSeconds", "specversion", "id", "source", "type", "time", "data", "slug", "defaultLocale",
			"eventsPerSecond", "burst", "version");

	private static final List<String> WRONG_VALUES = List.of("12345", "true", "[]", "{}", "[1,\"a\",null]",
			"{\"nested\":{\"deeper\":[{}]}}", "-1e400", "1e400", "0.5", "\"\"", "\"" + "x".repeat(5000) + "\"");

	@LocalServerPort
	private int port;

	@Test
	void malformedBodiesAtEveryWriteEndpointAreClientErrorsWithARequestId() throws Exception {
		TestTenant tenant = newTenant();
		String bearer = "Bearer " + tenant.apiKey();
		String operator = "Basic " + Base64.getEncoder()
			.encodeToString((OPERATOR + ":" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
		String missing = UUID.randomUUID().toString();
		String slug = "no-such-" + missing.substring(0, 8);
		List<Endpoint> endpoints = List.of(new Endpoint("POST", "/api/v1/event-types", bearer),
				new Endpoint("PUT", "/api/v1/event-types/" + missing, bearer),
				new Endpoint("POST", "/api/v1/templates", bearer),
				new Endpoint("POST", "/api/v1/templates/" + missing + "/preview", bearer),
				new Endpoint("POST", "/api/v1/templates/" + missing + "/rollback", bearer),
				new Endpoint("DELETE", "/api/v1/templates/" + missing, bearer),
				new Endpoint("DELETE", "/api/v1/event-types/" + missing, bearer),
				new Endpoint("POST", "/api/v1/subscriptions", bearer),
				new Endpoint("PUT", "/api/v1/subscriptions/" + missing, bearer),
				new Endpoint("DELETE", "/api/v1/subscriptions/" + missing, bearer),
				new Endpoint("PUT", "/api/v1/recipients/r-" + missing, bearer),
				new Endpoint("DELETE", "/api/v1/recipients/r-" + missing, bearer),
				new Endpoint("PUT", "/api/v1/channels/EMAIL", bearer),
				new Endpoint("PUT", "/api/v1/channels/PUSH", bearer),
				new Endpoint("DELETE", "/api/v1/channels/NOPE", bearer), new Endpoint("POST", "/api/v1/events", bearer),
				new Endpoint("POST", "/api/v1/events/batch", bearer), new Endpoint("POST", "/api/v1/api-keys", bearer),
				new Endpoint("DELETE", "/api/v1/api-keys/" + missing, bearer),
				new Endpoint("POST", "/api/v1/api-keys/" + missing + "/rotate", bearer),
				new Endpoint("POST", "/api/v1/ops/tenants", operator),
				new Endpoint("PATCH", "/api/v1/ops/tenants/" + slug, operator),
				new Endpoint("PUT", "/api/v1/ops/tenants/" + slug, operator),
				new Endpoint("POST", "/api/v1/ops/tenants/" + slug + "/suspend", operator),
				new Endpoint("POST", "/api/v1/ops/tenants/" + slug + "/resume", operator),
				new Endpoint("PUT", "/api/v1/ops/tenants/" + slug + "/limits", operator),
				new Endpoint("POST", "/api/v1/ops/tenants/" + slug + "/api-keys", operator),
				new Endpoint("DELETE", "/api/v1/ops/tenants/" + slug + "/api-keys/" + missing, operator),
				new Endpoint("POST", "/api/v1/ops/tenants/" + slug + "/api-keys/" + missing + "/rotate", operator));
		List<Body> bodies = bodies();
		List<String> failures = new ArrayList<>();
		int sent = 0;
		for (Endpoint endpoint : endpoints) {
			for (int i = 0; i < bodies.size(); i++) {
				// every endpoint gets the generic bodies and a rotating share of the
				// wrong types
				Body body = bodies.get(i);
				if (body.sample() && (i + endpoints.indexOf(endpoint)) % 10 != 0) {
					continue;
				}
				sent++;
				String failure = check(endpoint, body);
				if (failure != null) {
					failures.add(failure);
				}
			}
		}
		assertThat(sent).isGreaterThanOrEqualTo(500);
		assertThat(failures).isEmpty();
	}

	private String check(Endpoint endpoint, Body body) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + endpoint.path()))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", endpoint.authorization())
			.method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
		if (body.contentType() != null) {
			request.header("Content-Type", body.contentType());
		}
		HttpResponse<String> response = HTTP.send(request.build(), BodyHandlers.ofString());
		String what = endpoint.method() + " " + endpoint.path() + " with " + body.label() + " → "
				+ response.statusCode() + " " + abbreviate(response.body());
		if (response.statusCode() >= 500) {
			return what;
		}
		if (response.statusCode() < 400) {
			// accepted as it stands, e.g. an idempotent DELETE of an absent id (204) or a
			// recipient PUT whose unknown fields are ignored: not a server error
			return null;
		}
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		String requestId = response.headers().firstValue("X-Request-Id").orElse(null);
		if (!contentType.startsWith("application/problem+json") || requestId == null) {
			return what + " (not a problem or no X-Request-Id)";
		}
		JsonNode problem = JSON.readTree(response.body());
		if (!problem.path("requestId").asString("").equals(requestId) || !problem.has("type")) {
			return what + " (requestId or type missing)";
		}
		return null;
	}

	private static List<Body> bodies() {
		List<Body> bodies = new ArrayList<>();
		String json = "application/json";
		for (String text : List.of("", " ", "null", "[]", "[{}]", "123", "\"text\"", "true", "{", "{\"name\":", "}{",
				"{\"name\":\"a\",}", "{'name':'a'}", "{\"name\":NaN}", "{\"name\":1e99999}", "{\"name\":0x10}",
				"{\"name\":\"a\"}{\"name\":\"b\"}", "{\"name\":\"\\ud800\"}", "{\"name\":\"\\u0000\"}", "\u0000",
				"\ufeff{}", "<xml/>", "{\"name\":\"a\" \"b\":1}", "{\"\":null}", "{\"name\":01}")) {
			bodies.add(new Body("text " + text, json, text.getBytes(StandardCharsets.UTF_8), false));
		}
		bodies.add(new Body("100k nested arrays", json,
				("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8), false));
		bodies.add(new Body("50k nested objects", json,
				("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)).getBytes(StandardCharsets.UTF_8), false));
		bodies.add(new Body("deep value under a known field", json,
				("{\"name\":\"n\",\"data\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}")
					.getBytes(StandardCharsets.UTF_8),
				false));
		bodies.add(new Body("900 kB string", json,
				("{\"name\":\"" + "x".repeat(900_000) + "\"}").getBytes(StandardCharsets.UTF_8), false));
		bodies.add(new Body("1.5 MB string", json,
				("{\"name\":\"" + "x".repeat(1_500_000) + "\"}").getBytes(StandardCharsets.UTF_8), false));
		bodies.add(new Body("30k keys", json, manyKeys(30_000), false));
		bodies.add(new Body("bad UTF-8", json, bytes("{\"name\":\"", new byte[] { (byte) 0xff, (byte) 0xfe }, "\"}"),
				false));
		bodies.add(new Body("overlong UTF-8", json,
				bytes("{\"name\":\"", new byte[] { (byte) 0xc0, (byte) 0xaf, (byte) 0xe0, (byte) 0x80 }, "\"}"),
				false));
		bodies.add(new Body("truncated UTF-8", json,
				bytes("{\"name\":\"a", new byte[] { (byte) 0xe2, (byte) 0x82 }, ""), false));
		bodies.add(new Body("all fields null", json, object(FIELDS, (field) -> "null"), false));
		bodies.add(new Body("unknown fields only", json,
				"{\"unknownField\":\"x\",\"@type\":\"java.lang.Runtime\",\"__proto__\":{}}"
					.getBytes(StandardCharsets.UTF_8),
				false));
		for (String contentType : List.of("text/plain", "application/xml", "*/*", "application/*", "json",
				"application/json; charset=no-such-charset", "application/json; charset=\"", "multipart/form-data",
				"application/x-www-form-urlencoded", "application/octet-stream")) {
			bodies.add(new Body("media type '" + contentType + "'", contentType,
					"{\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8), false));
		}
		bodies.add(new Body("empty body without a media type", null, new byte[0], false));
		bodies.add(new Body("JSON without a media type", null, "{\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8),
				false));
		for (String field : FIELDS) {
			for (String value : WRONG_VALUES) {
				bodies.add(new Body(field + "=" + abbreviate(value), json,
						("{\"" + field + "\":" + value + "}").getBytes(StandardCharsets.UTF_8), true));
			}
		}
		return bodies;
	}

	private static byte[] manyKeys(int count) {
		StringBuilder json = new StringBuilder("{");
		for (int i = 0; i < count; i++) {
			json.append((i > 0) ? "," : "").append("\"k").append(i).append("\":").append(i);
		}
		return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] object(List<String> fields, java.util.function.Function<String, String> value) {
		StringBuilder json = new StringBuilder("{");
		for (String field : fields) {
			json.append((json.length() > 1) ? "," : "")
				.append('"')
				.append(field)
				.append("\":")
				.append(value.apply(field));
		}
		return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String before, byte[] raw, String after) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(raw);
		out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "…" : text;
	}

	private record Endpoint(String method, String path, String authorization) {
	}

	/** A body to send; {@code sample} bodies are spread over the endpoints. */
	private record Body(String label, String contentType, byte[] bytes, boolean sample) {
	}

}
