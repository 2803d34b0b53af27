package io.herald.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the tests: real requests over the loopback interface, with
 * bearer or basic credentials.
 */
public final class ApiClient {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;

	private final String authorization;

	private final HttpClient http;

	private final java.util.Map<String, String> headers;

	public ApiClient(String baseUrl) {
		this(baseUrl, null, HTTP);
	}

	private ApiClient(String baseUrl, String authorization, HttpClient http) {
		this(baseUrl, authorization, http, java.util.Map.of());
	}

	private ApiClient(String baseUrl, String authorization, HttpClient http, java.util.Map<String, String> headers) {
		this.baseUrl = baseUrl;
		this.authorization = authorization;
		this.http = http;
		this.headers = headers;
	}

	/** A client that sends {@code name: value} with every request. */
	public ApiClient withHeader(String name, String value) {
		java.util.Map<String, String> headers = new java.util.LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new ApiClient(this.baseUrl, this.authorization, this.http, java.util.Map.copyOf(headers));
	}

	public ApiClient withBearer(String apiKey) {
		return new ApiClient(this.baseUrl, "Bearer " + apiKey, this.http);
	}

	/**
	 * A client whose connections come from {@code address} (any 127.x.y.z is loopback).
	 */
	public ApiClient from(java.net.InetAddress address) {
		return new ApiClient(this.baseUrl, this.authorization,
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).localAddress(address).build());
	}

	public ApiClient asOperator(String username, String password) {
		return new ApiClient(this.baseUrl, "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)),
				this.http);
	}

	public Response get(String path) {
		return send(request(path).GET());
	}

	public Response delete(String path) {
		return send(request(path).DELETE());
	}

	public Response post(String path, String json) {
		return post(path, json, "application/json");
	}

	public Response post(String path, String body, String contentType) {
		return send(request(path).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
	}

	public Response put(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
	}

	public Response patch(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
	}

	public Response method(String method, String path) {
		return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()));
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30));
		if (this.authorization != null) {
			builder.header("Authorization", this.authorization);
		}
		this.headers.forEach(builder::header);
		return builder;
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Location").orElse(null), response.body(), response.headers());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(int status, String contentType, String location, String body,
			java.net.http.HttpHeaders headers) {

		/** The first value of a response header, or null. */
		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public boolean isProblem() {
			return this.contentType.startsWith("application/problem+json");
		}

		public String problemType() {
			return json().get("type").asString();
		}

	}

}
