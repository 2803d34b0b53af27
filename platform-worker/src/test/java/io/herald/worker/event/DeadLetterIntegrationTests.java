package io.herald.worker.event;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.herald.core.channel.Channel;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.eventtype.EventType;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.tenant.Tenant;
import io.herald.core.testing.TestServers;
import io.herald.worker.IngestIntegrationTestSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka path's gate: both CloudEvents content modes are read, and whatever cannot be
 * processed lands on the dead-letter topic, unchanged and with the reason.
 */
class DeadLetterIntegrationTests extends IngestIntegrationTestSupport {

	/** the worker's role may not create triggers: the fault is injected as the owner */
	@Value("${spring.datasource.url}")
	String databaseUrl;

	private static final String SCHEMA = """
			{"type":"object","required":["orderId"],"properties":{"orderId":{"type":"integer"}}}""";

	@Test
	void dataThatViolatesTheSchemaIsDeadLetteredWithTheViolation() {
		Tenant tenant = newTenant();
		eventType(tenant, "OrderPlaced", SCHEMA);
		double published = count("herald.dlq.published");
		CloudEventEnvelope event = event(tenant, "OrderPlaced", "c-1", "{\"orderId\":\"not a number\"}");
		byte[] value = this.codec.write(event);
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, event.partitionKey(), value);
		record.headers().add(new RecordHeader("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8)));
		send(record);

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(
				(r) -> event.id().equals(header(r, "herald-dlq-event-id")));

		assertThat(header(dead, "herald-dlq-reason"))
			.startsWith("data does not match the JSON Schema of event type 'OrderPlaced': ")
			.contains("/orderId");
		assertThat(header(dead, "herald-dlq-tenant")).isEqualTo(tenant.getId().toString());
		assertThat(header(dead, "herald-dlq-original-topic")).isEqualTo(TOPIC);
		assertThat(header(dead, "herald-dlq-original-partition")).isNotNull();
		assertThat(header(dead, "herald-dlq-original-offset")).isNotNull();
		assertThat(header(dead, "traceparent")).isEqualTo("00-abc-def-01");
		assertThat(dead.key()).isEqualTo(event.partitionKey());
		assertThat(dead.value()).isEqualTo(value);
		assertThat(this.events.findTop100ByTenantIdOrderByReceivedAtDesc(tenant.getId())).isEmpty();
		assertThat(count("herald.dlq.published")).isGreaterThan(published);
	}

	@Test
	void eventOfAnUnknownTenantIsDeadLettered() {
		Tenant stranger = new Tenant("ghost", "Ghost", "en", this.clock.instant());
		CloudEventEnvelope event = event(stranger, "UserRegistered", "u", "{}");
		send(new ProducerRecord<>(TOPIC, event.partitionKey(), this.codec.write(event)));

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(
				(r) -> event.id().equals(header(r, "herald-dlq-event-id")));

		assertThat(header(dead, "herald-dlq-reason")).isEqualTo("unknown tenant " + stranger.getId());
	}

	@Test
	void eventOfAnUnknownTypeIsDeadLettered() {
		Tenant tenant = newTenant();
		CloudEventEnvelope event = event(tenant, "NeverRegistered", "u", "{}");
		send(new ProducerRecord<>(TOPIC, event.partitionKey(), this.codec.write(event)));

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(
				(r) -> event.id().equals(header(r, "herald-dlq-event-id")));

		assertThat(header(dead, "herald-dlq-reason")).isEqualTo("unknown event type 'NeverRegistered'");
		assertThat(header(dead, "herald-dlq-tenant")).isEqualTo(tenant.getId().toString());
	}

	@Test
	void recordThatIsNoCloudEventIsDeadLettered() {
		String key = "garbage-" + UUID.randomUUID();
		byte[] value = "{\"hello\":".getBytes(StandardCharsets.UTF_8);
		send(new ProducerRecord<>(TOPIC, key, value));
		String missingType = "missing-type-" + UUID.randomUUID();
		send(new ProducerRecord<>(TOPIC, missingType,
				"{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/s\"}".getBytes(StandardCharsets.UTF_8)));

		ConsumerRecord<String, byte[]> notJson = awaitDeadLetter((r) -> key.equals(r.key()));
		ConsumerRecord<String, byte[]> noType = awaitDeadLetter((r) -> missingType.equals(r.key()));

		assertThat(header(notJson, "herald-dlq-reason")).isEqualTo("not a valid CloudEvent: body is not valid JSON");
		assertThat(notJson.value()).isEqualTo(value);
		assertThat(header(noType, "herald-dlq-reason")).isEqualTo("not a valid CloudEvent: type is required");
	}

	@Test
	void eventThatKeepsFailingIsRetriedThenDeadLetteredWithTheCause() {
		Tenant tenant = newTenant();
		eventType(tenant, "UserRegistered", null);
		double consumed = count("herald.events.consumed");
		// passes every check, but the database refuses to store it, every time
		refuseEventsWhoseSubjectStartsWith("doomed-", "raise exception 'simulated storage failure'");
		CloudEventEnvelope event = event(tenant, "UserRegistered", "doomed-" + UUID.randomUUID(), "{}");
		send(new ProducerRecord<>(TOPIC, "doomed-subject", this.codec.write(event)));

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter((r) -> "doomed-subject".equals(r.key()));

		assertThat(header(dead, "herald-dlq-reason")).startsWith("processing kept failing after retries: ")
			.contains("simulated storage failure");
		assertThat(header(dead, "kafka_dlt-exception-stacktrace")).isNull();
		assertThat(count("herald.events.consumed") - consumed).as("deliveries (max-attempts)").isEqualTo(4);
		assertThat(this.events.findTop100ByTenantIdOrderByReceivedAtDesc(tenant.getId())).isEmpty();
	}

	@Test
	void eventWhoseDataTheDatabaseRefusesIsDeadLetteredAtOnceWithTheCause() {
		Tenant tenant = newTenant();
		eventType(tenant, "UserRegistered", null);
		double consumed = count("herald.events.consumed");
		// a data exception (SQLSTATE class 22): no retry can make the database take it
		refuseEventsWhoseSubjectStartsWith("refused-",
				"raise exception using errcode = '22023', message = 'simulated bad value'");
		CloudEventEnvelope event = event(tenant, "UserRegistered", "refused-" + UUID.randomUUID(), "{}");
		send(new ProducerRecord<>(TOPIC, "refused-subject", this.codec.write(event)));

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter((r) -> "refused-subject".equals(r.key()));

		assertThat(header(dead, "herald-dlq-reason")).startsWith("the database refused the event's data: ")
			.contains("simulated bad value");
		assertThat(header(dead, "herald-dlq-event-id")).isEqualTo(event.id());
		assertThat(header(dead, "kafka_dlt-exception-stacktrace")).isNull();
		assertThat(count("herald.events.consumed") - consumed).as("deliveries: no retries").isEqualTo(1);
		assertThat(this.events.findTop100ByTenantIdOrderByReceivedAtDesc(tenant.getId())).isEmpty();
	}

	private void refuseEventsWhoseSubjectStartsWith(String prefix, String raise) {
		String name = "refuse_" + prefix.replace("-", "");
		JdbcClient owner = JdbcClient.create(TestServers.asOwner(this.databaseUrl));
		owner
			.sql("create or replace function " + name + "() returns trigger language plpgsql as $$ begin"
					+ " if new.subject like '" + prefix + "%' then " + raise + "; end if; return new; end $$")
			.update();
		owner
			.sql("create or replace trigger " + name + " before insert on event for each row execute function " + name
					+ "()")
			.update();
	}

	@Test
	void binaryModeEventIsReadFromCeHeaders() {
		Tenant tenant = newTenant();
		EventType type = eventType(tenant, "UserRegistered", SCHEMA);
		template(tenant, "hook", Channel.WEBHOOK, "en", 1, "Order {{ data.orderId }}", "{{ event.subject }}");
		webhook(tenant, type, "hook");
		String id = "bin-" + UUID.randomUUID();
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, tenant.getId() + "/c-9",
				"{\"orderId\":7}".getBytes(StandardCharsets.UTF_8));
		ceHeader(record, "specversion", "1.0");
		ceHeader(record, "id", id);
		ceHeader(record, "source", "/shop");
		ceHeader(record, "type", "UserRegistered");
		ceHeader(record, "subject", "c-9");
		ceHeader(record, "time", "2026-11-26T10:00:00Z");
		ceHeader(record, "tenantid", tenant.getId().toString());
		record.headers().add(new RecordHeader("content-type", "application/json".getBytes(StandardCharsets.UTF_8)));
		send(record);

		assertThat(awaitFanOut(tenant, id)).singleElement().satisfies((n) -> {
			assertThat(n.getStatus()).isEqualTo(NotificationStatus.PENDING);
			assertThat(n.getSubject()).isEqualTo("Order 7");
			assertThat(n.getBody()).isEqualTo("c-9");
		});
		assertThat(awaitStored(tenant, id).getData()).isEqualTo("{\"orderId\":7}");
	}

	@Test
	void structuredModeEventWithCloudEventsContentTypeIsRead() {
		Tenant tenant = newTenant();
		EventType type = eventType(tenant, "UserRegistered", null);
		template(tenant, "hook", Channel.WEBHOOK, "en", 1, "Hi {{ data.name }}", "{{ event.type }}");
		webhook(tenant, type, "hook");
		CloudEventEnvelope event = event(tenant, "UserRegistered", "u-1", "{\"name\":\"Ada\"}");
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, event.partitionKey(),
				this.codec.write(event));
		record.headers()
			.add(new RecordHeader("content-type",
					"application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8)));
		send(record);

		assertThat(awaitFanOut(tenant, event.id())).singleElement().satisfies((n) -> {
			assertThat(n.getSubject()).isEqualTo("Hi Ada");
			assertThat(n.getBody()).isEqualTo("UserRegistered");
		});
	}

	private static void ceHeader(ProducerRecord<String, byte[]> record, String attribute, String value) {
		record.headers().add(new RecordHeader("ce_" + attribute, value.getBytes(StandardCharsets.UTF_8)));
	}

}
