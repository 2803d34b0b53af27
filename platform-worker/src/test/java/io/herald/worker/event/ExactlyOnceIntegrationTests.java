package io.herald.worker.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.herald.core.channel.Channel;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.eventtype.EventType;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.testing.TestServers;
import io.herald.core.tenant.Tenant;
import io.herald.worker.HeraldWorkerApplication;
import io.herald.worker.IngestIntegrationTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Invariant tests in the style of Kafka's system tests: push duplicates with faults
 * injected, then check that every event produced exactly its notifications, none twice,
 * none lost, and nothing was dead-lettered.
 */
class ExactlyOnceIntegrationTests extends IngestIntegrationTestSupport {

	/** webhook + e-mail + push to two tokens. */
	private static final int TARGETS = 4;

	private Tenant tenant;

	private String endpoint;

	@BeforeEach
	void tenantWithFourTargets() {
		this.tenant = newTenant();
		EventType type = eventType(this.tenant, "UserRegistered", null);
		template(this.tenant, "welcome", Channel.WEBHOOK, "en", 1, "Welcome", "Hello {{ data.name }}");
		template(this.tenant, "welcome", Channel.EMAIL, "en", 1, "Welcome", "Hello {{ data.name }}");
		template(this.tenant, "welcome", Channel.PUSH, "en", 1, "Welcome", "Hello {{ data.name }}");
		this.endpoint = webhook(this.tenant, type, "welcome").getEndpoint();
		subscription(this.tenant, type, "welcome", Channel.EMAIL, null, null, null);
		subscription(this.tenant, type, "welcome", Channel.PUSH, null, null, null);
		recipient(this.tenant, "user", "user@example.com", "token-1,token-2", null, null, null);
	}

	@Test
	void sameEventPublishedTwentyTimesConcurrentlyYieldsOneNotificationPerTarget() throws Exception {
		double hits = count("herald.dedupe.hits");
		double deadLetters = count("herald.dlq.published");
		CloudEventEnvelope event = event(this.tenant, "UserRegistered", "user", "{\"name\":\"Ada\"}");

		publishConcurrently(event, 20);

		await().atMost(TIMEOUT).until(() -> count("herald.dedupe.hits") - hits >= 19);
		assertExactlyOnce(List.of(event));
		assertThat(count("herald.dedupe.hits") - hits).isEqualTo(19);
		assertThat(count("herald.dlq.published")).isEqualTo(deadLetters);
	}

	@Test
	void duplicatesDeliveredToTwoWorkersAcrossRebalancesYieldOneNotificationPerTarget() throws Exception {
		double deadLetters = count("herald.dlq.published");
		List<CloudEventEnvelope> published = new ArrayList<>();
		ConfigurableApplicationContext second = startSecondWorker();
		try {
			// joining worker: the group rebalances while these are consumed
			published.addAll(publishDuplicates(10, 3));
			MeterRegistry secondMeters = second.getBean(MeterRegistry.class);
			await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
				published.addAll(publishDuplicates(3, 2));
				return secondMeters.counter("herald.events.consumed").count() > 0;
			});
			published.addAll(publishDuplicates(10, 3));
		}
		finally {
			// leaving worker: its partitions move back while it may be mid-event
			second.close();
		}
		published.addAll(publishDuplicates(5, 3));

		assertExactlyOnce(published);
		assertThat(count("herald.dlq.published")).isEqualTo(deadLetters);
	}

	@Test
	void batchesInFlightWhileASecondWorkerJoinsAndLeavesYieldOneNotificationPerTarget() throws Exception {
		double deadLetters = count("herald.dlq.published");
		List<CloudEventEnvelope> published = new ArrayList<>();
		try (KafkaProducer<String, byte[]> batching = batchingProducer()) {
			published.addAll(publishBurst(batching, 40));
			ConfigurableApplicationContext second = startSecondWorker();
			try {
				MeterRegistry secondMeters = second.getBean(MeterRegistry.class);
				await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
					published.addAll(publishBurst(batching, 20));
					return secondMeters.counter("herald.events.consumed").count() > 0;
				});
				published.addAll(publishBurst(batching, 40));
			}
			finally {
				second.close();
			}
			published.addAll(publishBurst(batching, 40));
		}

		assertExactlyOnce(published);
		assertThat(count("herald.dlq.published")).isEqualTo(deadLetters);
	}

	@Test
	void withRedisStoppedTheDatabaseStillYieldsOneNotificationPerTarget() throws Exception {
		double degraded = count("herald.dedupe.degraded");
		double deadLetters = count("herald.dlq.published");
		List<CloudEventEnvelope> published;
		TestServers.stopRedis();
		try {
			published = publishDuplicates(5, 4);
			assertExactlyOnce(published);
		}
		finally {
			TestServers.startRedis();
		}
		assertThat(count("herald.dedupe.degraded")).isGreaterThan(degraded);
		assertThat(count("herald.dlq.published")).isEqualTo(deadLetters);
	}

	/**
	 * {@code events} distinct events, each twice, to all partitions without waiting, so
	 * that they reach the workers in large batches.
	 */
	private List<CloudEventEnvelope> publishBurst(KafkaProducer<String, byte[]> producer, int events) throws Exception {
		List<CloudEventEnvelope> published = new ArrayList<>();
		List<Future<?>> sends = new ArrayList<>();
		for (int i = 0; i < events; i++) {
			CloudEventEnvelope event = event(this.tenant, "UserRegistered", "user", "{\"name\":\"B" + i + "\"}");
			byte[] value = this.codec.write(event);
			for (int copy = 0; copy < 2; copy++) {
				sends.add(producer.send(new ProducerRecord<>(TOPIC, (i + copy) % 3, event.partitionKey(), value)));
			}
			published.add(event);
		}
		producer.flush();
		for (Future<?> sent : sends) {
			sent.get();
		}
		return published;
	}

	private static KafkaProducer<String, byte[]> batchingProducer() {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers());
		config.put(ProducerConfig.LINGER_MS_CONFIG, 50);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	/** {@code events} distinct events, each published {@code copies} times at once. */
	private List<CloudEventEnvelope> publishDuplicates(int events, int copies) throws Exception {
		List<CloudEventEnvelope> published = new ArrayList<>();
		for (int i = 0; i < events; i++) {
			CloudEventEnvelope event = event(this.tenant, "UserRegistered", "user", "{\"name\":\"N" + i + "\"}");
			publishConcurrently(event, copies);
			published.add(event);
		}
		return published;
	}

	/** Sends copies of one event from several threads, spread over all partitions. */
	private void publishConcurrently(CloudEventEnvelope event, int copies) throws Exception {
		byte[] value = this.codec.write(event);
		try (ExecutorService threads = Executors.newFixedThreadPool(Math.min(copies, 8))) {
			List<Future<?>> sends = new ArrayList<>();
			for (int copy = 0; copy < copies; copy++) {
				ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, copy % 3, event.partitionKey(),
						value);
				sends.add(threads.submit(() -> send(record)));
			}
			for (Future<?> sent : sends) {
				sent.get();
			}
		}
	}

	private void assertExactlyOnce(List<CloudEventEnvelope> published) {
		for (CloudEventEnvelope event : published) {
			List<Notification> notifications = await().atMost(TIMEOUT)
				.until(() -> notificationsOf(this.tenant, event.id()), (found) -> found.size() >= TARGETS);
			assertThat(notifications).as("notifications of %s", event.id()).hasSize(TARGETS);
			assertThat(notifications).extracting(Notification::getRecipient)
				.containsExactlyInAnyOrder(this.endpoint, "user", "token-1", "token-2");
			assertThat(notifications).allSatisfy((n) -> assertThat(n.getStatus())
				.as("%s to %s: %s", n.getChannel(), n.getRecipient(), n.getStatusReason())
				.isEqualTo(NotificationStatus.PENDING));
		}
	}

	/**
	 * Another instance of the worker in the same consumer group, on the same database,
	 * Redis and topics, with one consumer whose client id sorts before the shared
	 * context's: it takes one partition and leaves two. Settings go in as command-line
	 * arguments so that they win over the worker's own files.
	 */
	private ConfigurableApplicationContext startSecondWorker() {
		return HeraldWorkerApplication.builder()
			.run("--spring.main.web-application-type=none", "--herald.delivery.dispatcher.enabled=false",
					"--spring.liquibase.enabled=false", copy("spring.datasource.url"),
					copy("spring.datasource.username"), copy("spring.datasource.password"),
					copy("spring.data.redis.url"), copy("spring.kafka.bootstrap-servers"), copy("herald.crypto.key"),
					"--herald.topics.events=" + TOPIC, "--herald.topics.dead-letter=" + DLQ_TOPIC,
					"--spring.cloud.stream.bindings.heraldEvents-in-0.consumer.concurrency=1",
					"--spring.cloud.stream.kafka.bindings.heraldEvents-in-0.consumer.configuration.client.id="
							+ "herald-worker-tests-0");
	}

	private String copy(String property) {
		return "--" + property + "=" + this.environment.getProperty(property);
	}

}
