package io.herald.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.herald.api.ApiClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published OpenAPI document, {@code docs/openapi.json}, is what the running API
 * serves. Every build writes the served document to {@code target/openapi.json}; with
 * {@code -Dherald.openapi.write=true} this test also replaces {@code docs/openapi.json}
 * with it (see docs/api.md).
 */
class OpenApiDocumentIntegrationTests extends ApiIntegrationTest {

	static final Path PUBLISHED = Path.of("..", "docs", "openapi.json");

	static final String REGENERATE = "./mvnw -pl platform-api -am test -Dtest=OpenApiDocumentIntegrationTests"
			+ " -Dsurefire.failIfNoSpecifiedTests=false -Dherald.openapi.write=true";

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void thePublishedDocumentIsWhatTheApiServes() throws IOException {
		Response served = this.api.get("/v3/api-docs");
		assertThat(served.status()).isEqualTo(200);
		String document = served.body().strip() + "\n";
		Files.writeString(Path.of("target", "openapi.json"), document, StandardCharsets.UTF_8);
		if (Boolean.getBoolean("herald.openapi.write")) {
			Files.writeString(PUBLISHED, document, StandardCharsets.UTF_8);
		}
		assertThat(Files.exists(PUBLISHED)).as("docs/openapi.json exists; create it with: " + REGENERATE).isTrue();
		JsonNode published = this.json.readTree(Files.readString(PUBLISHED, StandardCharsets.UTF_8));
		assertThat(served.json())
			.as("docs/openapi.json differs from the running API's document; regenerate it with: " + REGENERATE)
			.isEqualTo(published);
	}

	@Test
	void everyOperationIsDescribedSecuredAndListsItsErrors() {
		JsonNode document = this.api.get("/v3/api-docs").json();
		List<String> undocumented = new ArrayList<>();
		document.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			JsonNode op = operation.getValue();
			String name = operation.getKey().toUpperCase() + " " + path.getKey();
			if (!op.hasNonNull("summary") || op.get("tags") == null) {
				undocumented.add(name + " has no summary or tag");
			}
			String scheme = path.getKey().startsWith("/api/v1/ops/") ? "operator" : "apiKey";
			if (!op.at("/security/0").has(scheme)) {
				undocumented.add(name + " is not secured by " + scheme);
			}
			if (!op.at("/responses/401/content").has("application/problem+json")) {
				undocumented.add(name + " lists no problem+json 401");
			}
		}));
		assertThat(undocumented).isEmpty();
		assertThat(document.at("/components/schemas/CloudEvent/required").toString()).contains("specversion");
		assertThat(document.at("/paths/~1api~1v1~1events/post/requestBody/content").has("application/cloudevents+json"))
			.isTrue();
		assertThat(document.at("/components/securitySchemes/operator/scheme").asString()).isEqualTo("basic");
		assertThat(document.at("/components/securitySchemes/apiKey/scheme").asString()).isEqualTo("bearer");
	}

}
