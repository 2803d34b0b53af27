package io.herald.worker.event;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.herald.core.tenant.Tenant;
import io.herald.worker.IngestIntegrationTestSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tenant that writes straight to the topic controls every byte of an event id. An id
 * with a line break and a forged log line behind it goes through the real consumer and
 * dead-letter path; the worker's console log must show it as one escaped value, never as
 * a line of its own.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogInjectionIntegrationTests extends IngestIntegrationTestSupport {

	@Test
	void eventIdWithALineBreakCannotForgeALogLine(CapturedOutput output) {
		Tenant tenant = newTenant();
		eventType(tenant, "UserRegistered", null);
		String marker = "FORGED-" + UUID.randomUUID();
		String forged = "2026-11-29T00:00:00.000Z  INFO 1 --- [main] io.herald.Audit : operator login ok " + marker;
		String id = "evt-" + UUID.randomUUID() + "\r\n" + forged + "\u001b[0m";
		// binary mode with data that is not JSON: dead-lettered before any attribute
		// check,
		// so the raw id reaches the dead-letter log line
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, tenant.getId() + "/forge",
				"not json".getBytes(StandardCharsets.UTF_8));
		ceHeader(record, "specversion", "1.0");
		ceHeader(record, "id", id);
		ceHeader(record, "source", "/shop");
		ceHeader(record, "type", "UserRegistered");
		ceHeader(record, "tenantid", tenant.getId().toString());
		record.headers().add(new RecordHeader("content-type", "application/json".getBytes(StandardCharsets.UTF_8)));
		send(record);

		awaitDeadLetter((r) -> (tenant.getId() + "/forge").equals(r.key()));
		await().atMost(TIMEOUT).until(() -> output.getOut().contains(marker));

		assertThat(output.getOut().lines().filter((line) -> line.contains(marker))).singleElement()
			.satisfies((line) -> assertThat(line).contains("Event sent to the dead-letter topic")
				.contains("\\r\\n" + forged + "\\u001b[0m")
				.doesNotContain("\u001b"));
		assertThat(output.getOut().lines()).noneMatch((line) -> line.startsWith(forged));
	}

	private static void ceHeader(ProducerRecord<String, byte[]> record, String attribute, String value) {
		record.headers().add(new RecordHeader("ce_" + attribute, value.getBytes(StandardCharsets.UTF_8)));
	}

}
