package io.herald.local.invariants;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The suite's two tenants, made through the API: {@code ok}, whose webhook subscription
 * points at the receiver's healthy path, and {@code doomed}, whose receiver always
 * answers 500 (its notifications must end {@code DEAD}). Both subscribe to
 * {@value #EVENT_TYPE} with one webhook subscription.
 */
record SuiteTenants(UUID ok, UUID doomed) {

	static final String EVENT_TYPE = "OrderPlaced";

	static SuiteTenants create(HttpClient http, String apiUrl, String operatorPassword, String runTag,
			FaultReceiver receiver) {
		String operator = "Basic "
				+ Base64.getEncoder().encodeToString(("operator:" + operatorPassword).getBytes(StandardCharsets.UTF_8));
		return new SuiteTenants(tenant(http, apiUrl, operator, runTag + "-ok", receiver.url("ok")),
				tenant(http, apiUrl, operator, runTag + "-doomed", receiver.url("doomed")));
	}

	private static UUID tenant(HttpClient http, String apiUrl, String operator, String slug, String endpoint) {
		JsonNode created = post(http, apiUrl + "/api/v1/ops/tenants", operator,
				"{\"slug\":\"inv-" + slug + "\",\"name\":\"Invariants " + slug + "\"}");
		String key = "Bearer " + created.get("apiKey").asString();
		post(http, apiUrl + "/api/v1/event-types", key, "{\"name\":\"" + EVENT_TYPE + "\"}");
		post(http, apiUrl + "/api/v1/templates", key, "{\"name\":\"order-hook\",\"channel\":\"WEBHOOK\","
				+ "\"locale\":\"en\",\"subject\":\"Order {{ data.order }}\",\"body\":\"Total {{ data.total }}\"}");
		post(http, apiUrl + "/api/v1/subscriptions", key,
				"{\"eventType\":\"" + EVENT_TYPE + "\","
						+ "\"template\":\"order-hook\",\"channel\":\"WEBHOOK\",\"endpoint\":\"" + endpoint
						+ "\",\"enabled\":true}");
		return UUID.fromString(created.get("id").asString());
	}

	private static JsonNode post(HttpClient http, String url, String authorization, String body) {
		try {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
				.header("Authorization", authorization)
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(30))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException("Setting the suite up failed: POST " + URI.create(url).getPath()
						+ " answered " + response.statusCode() + " " + response.body());
			}
			return response.body().isBlank() ? JsonMapper.builder().build().nullNode()
					: JsonMapper.builder().build().readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot reach the Herald API at " + url, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
