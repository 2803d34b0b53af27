package io.herald.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calls the bench makes to platform-api to set a scenario up: one tenant per scenario
 * tenant (operator endpoint), an {@code OrderPlaced} event type, a webhook template and
 * one webhook subscription per receiver path.
 */
final class HeraldApi {

	static final String EVENT_TYPE = "OrderPlaced";

	private final String baseUrl;

	private final String operatorAuthorization;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	/** A tenant made for the bench and its API key. */
	record BenchTenant(int index, UUID id, String apiKey) {
	}

	HeraldApi(String baseUrl, String operatorUser, String operatorPassword, HttpClient http) {
		this.baseUrl = baseUrl;
		this.operatorAuthorization = "Basic " + Base64.getEncoder()
			.encodeToString((operatorUser + ":" + operatorPassword).getBytes(StandardCharsets.UTF_8));
		this.http = http;
	}

	String eventsUrl() {
		return this.baseUrl + "/api/v1/events";
	}

	/**
	 * Creates the scenario's tenants, each with {@code fanout} subscriptions to the
	 * receiver.
	 */
	List<BenchTenant> setUp(Scenario scenario, String runTag, Receiver receiver) {
		List<BenchTenant> tenants = new ArrayList<>();
		for (int index = 0; index < scenario.tenants(); index++) {
			String slug = ("bench-" + runTag + "-" + index).toLowerCase(java.util.Locale.ROOT);
			JsonNode created = send(
					HttpRequest.newBuilder(URI.create(this.baseUrl + "/api/v1/ops/tenants"))
						.header("Authorization", this.operatorAuthorization),
					"{\"slug\":\"" + slug + "\",\"name\":\"Bench " + slug + "\"}");
			BenchTenant tenant = new BenchTenant(index, UUID.fromString(created.get("id").asString()),
					created.get("apiKey").asString());
			post(tenant, "/api/v1/event-types", "{\"name\":\"" + EVENT_TYPE + "\"}");
			post(tenant, "/api/v1/templates", "{\"name\":\"order-hook\",\"channel\":\"WEBHOOK\",\"locale\":\"en\","
					+ "\"subject\":\"Order {{ data.order }}\",\"body\":\"Total {{ data.total }}\"}");
			for (int sub = 0; sub < scenario.fanout(); sub++) {
				post(tenant, "/api/v1/subscriptions",
						"{\"eventType\":\"" + EVENT_TYPE + "\",\"template\":\"order-hook\","
								+ "\"channel\":\"WEBHOOK\",\"endpoint\":\"" + receiver.hookUrl(sub)
								+ "\",\"enabled\":true}");
			}
			tenants.add(tenant);
		}
		return List.copyOf(tenants);
	}

	private void post(BenchTenant tenant, String path, String body) {
		send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Authorization", "Bearer " + tenant.apiKey()), body);
	}

	private JsonNode send(HttpRequest.Builder request, String body) {
		try {
			HttpResponse<String> response = this.http.send(request.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(30))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException("Setting the bench up failed: " + response.request().method() + " "
						+ response.request().uri().getPath() + " answered " + response.statusCode() + " "
						+ response.body());
			}
			return response.body().isBlank() ? this.json.nullNode() : this.json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot reach the Herald API at " + this.baseUrl, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
