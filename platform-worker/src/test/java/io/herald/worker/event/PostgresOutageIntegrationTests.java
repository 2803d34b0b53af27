package io.herald.worker.event;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;

import io.herald.core.audit.Actor;
import io.herald.core.channel.Channel;
import io.herald.core.event.CloudEventCodec;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeRepository;
import io.herald.core.subscription.Subscription;
import io.herald.core.subscription.SubscriptionRepository;
import io.herald.core.template.Template;
import io.herald.core.template.TemplateRepository;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantManagement;
import io.herald.core.testing.TcpProxy;
import io.herald.core.testing.TestServers;
import io.herald.worker.HeraldWorkerApplication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6, C10: PostgreSQL unreachable under load must pause ingestion, not empty the
 * backlog into the dead-letter topic. The worker reaches its database through a
 * {@link TcpProxy} that the test cuts (open connections dropped, new ones refused) while
 * events keep arriving, then restores. Its own topics and consumer group keep it apart
 * from every other worker context in the JVM.
 */
@SpringBootTest(classes = HeraldWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=herald-core,herald-worker", "herald.delivery.dispatcher.enabled=false",
				"spring.cloud.stream.bindings.heraldEvents-in-0.group=herald-worker-outage-tests",
				"spring.cloud.stream.bindings.heraldEvents-in-0.consumer.back-off-initial-interval=100",
				"spring.cloud.stream.bindings.heraldEvents-in-0.consumer.back-off-max-interval=200",
				"herald.worker.events.transient-back-off-initial=100ms",
				"herald.worker.events.transient-back-off-max=1s", "spring.datasource.hikari.connection-timeout=1000",
				"spring.datasource.hikari.validation-timeout=500" })
class PostgresOutageIntegrationTests {

	private static final String TOPIC = "herald.events.outage-tests";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static TcpProxy postgres;

	@Autowired
	TenantManagement tenants;

	@Autowired
	EventTypeRepository eventTypes;

	@Autowired
	TemplateRepository templates;

	@Autowired
	SubscriptionRepository subscriptions;

	@Autowired
	CloudEventCodec codec;

	@Autowired
	JsonMapper json;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		postgres = TestServers.registerPostgresBehindProxy(registry, TestServers.DatabaseLogin.WORKER);
		TestServers.registerRedis(registry);
		TestServers.registerKafka(registry);
		registry.add("spring.cloud.stream.bindings.heraldEvents-in-0.destination", () -> TOPIC);
		registry.add("herald.worker.events.dead-letter-topic", () -> TOPIC + ".dlq");
		createTopics(TOPIC, TOPIC + ".dlq");
	}

	@AfterAll
	static void closeProxy() {
		postgres.close();
	}

	@Test
	void eventsArrivingWhilePostgresIsUnreachableAreAllFannedOutAfterwardsAndNoneIsDeadLettered() throws Exception {
		Tenant tenant = this.tenants
			.create("t-" + UUID.randomUUID().toString().substring(0, 13), "Outage", Actor.SYSTEM)
			.tenant();
		EventType type = this.eventTypes
			.save(new EventType(tenant.getId(), "OrderPlaced", null, null, null, this.clock.instant()));
		this.templates.save(new Template(tenant.getId(), "hook", Channel.WEBHOOK, "en", 1, "Order", "{{ data.n }}",
				this.clock.instant()));
		this.subscriptions.save(new Subscription(tenant.getId(), type.getId(), "hook", Channel.WEBHOOK,
				"http://127.0.0.1:9/hook", null, null, null, true, this.clock.instant()));
		List<String> published = new ArrayList<>();
		double failures = count("herald.events.consumed");
		try (KafkaProducer<String, byte[]> producer = producer()) {
			published.addAll(publish(producer, tenant, 50));
			await().atMost(TIMEOUT).until(() -> stored(tenant) > 0);

			postgres.cut();
			try {
				published.addAll(publish(producer, tenant, 100));
				// the worker keeps meeting the outage: records are delivered again and
				// again
				await().atMost(TIMEOUT).until(() -> count("herald.events.consumed") - failures > 200);
				published.addAll(publish(producer, tenant, 50));
			}
			finally {
				postgres.restore();
			}
			published.addAll(publish(producer, tenant, 50));
		}

		await().atMost(TIMEOUT).until(() -> stored(tenant) == published.size());
		assertThat(this.jdbc.sql("select count(*) from notification where tenant_id = ?")
			.param(tenant.getId())
			.query(Long.class)
			.single()).isEqualTo(published.size());
		assertThat(count("herald.dlq.published")).isZero();
	}

	private long stored(Tenant tenant) {
		try {
			return this.jdbc.sql("select count(*) from event where tenant_id = ?")
				.param(tenant.getId())
				.query(Long.class)
				.single();
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	private List<String> publish(KafkaProducer<String, byte[]> producer, Tenant tenant, int events) throws Exception {
		List<String> ids = new ArrayList<>();
		List<Future<?>> sends = new ArrayList<>();
		for (int i = 0; i < events; i++) {
			CloudEventEnvelope event = new CloudEventEnvelope("evt-" + UUID.randomUUID(), "/tests", "OrderPlaced",
					"c-" + i, this.clock.instant(), "application/json", this.json.readTree("{\"n\":" + i + "}"),
					tenant.getId());
			sends.add(producer.send(new ProducerRecord<>(TOPIC, event.partitionKey(), this.codec.write(event))));
			ids.add(event.id());
		}
		producer.flush();
		for (Future<?> sent : sends) {
			sent.get();
		}
		return ids;
	}

	private double count(String name) {
		return this.meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
	}

	private static KafkaProducer<String, byte[]> producer() {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers());
		config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	private static void createTopics(String... names) {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers()))) {
			for (String name : names) {
				try {
					admin.createTopics(List.of(new NewTopic(name, 3, (short) 1))).all().get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					if (!(ex.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
						throw new IllegalStateException(ex);
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
