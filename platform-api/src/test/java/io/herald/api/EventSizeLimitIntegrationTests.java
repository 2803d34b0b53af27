package io.herald.api;

import java.util.UUID;

import io.herald.api.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event that the API accepts as a request but that the producer refuses as a record
 * (over Kafka's {@code max.request.size}, here lowered to 4 KB) is the client's 413, not
 * a 503 that clients would retry for ever.
 */
@TestPropertySource(properties = "spring.kafka.producer.properties[max.request.size]=4096")
class EventSizeLimitIntegrationTests extends ApiIntegrationTest {

	@Test
	void eventOverTheProducersLimitIsPayloadTooLargeAndSmallerOnesStillPass() {
		TestTenant tenant = newTenant();
		assertThat(as(tenant).post("/api/v1/event-types", "{\"name\":\"DocumentUploaded\"}").status()).isEqualTo(201);

		Response tooLarge = as(tenant).post("/api/v1/events", event("\"" + "x".repeat(8_000) + "\""));
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.isProblem()).isTrue();
		assertThat(tooLarge.problemType()).isEqualTo("https://herald.dev/problems/payload-too-large");

		assertThat(as(tenant).post("/api/v1/events", event("{\"pages\":3}")).status()).isEqualTo(202);
	}

	private static String event(String data) {
		return """
				{"specversion":"1.0","id":"%s","source":"/test","type":"DocumentUploaded","subject":"doc-1",
				 "data":%s}""".formatted(UUID.randomUUID(), data);
	}

}
