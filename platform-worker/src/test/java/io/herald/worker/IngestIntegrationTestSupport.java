package io.herald.worker;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import io.herald.core.audit.Actor;
import io.herald.core.channel.Channel;
import io.herald.core.event.CloudEventCodec;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.event.EventRecord;
import io.herald.core.event.EventRecordRepository;
import io.herald.core.eventtype.EventType;
import io.herald.core.eventtype.EventTypeRepository;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationRepository;
import io.herald.core.recipient.Recipient;
import io.herald.core.recipient.RecipientRepository;
import io.herald.core.subscription.Subscription;
import io.herald.core.subscription.SubscriptionRepository;
import io.herald.core.template.Template;
import io.herald.core.template.TemplateRepository;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantManagement;
import io.herald.core.testing.TestServers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * One worker context for every ingest test, over real Kafka, PostgreSQL and Redis, with
 * the dispatcher off so that notifications stay as fan-out left them. The context reads
 * its own pair of topics, so no other worker context in the JVM can take its events.
 * Every test creates its own tenant.
 */
@SpringBootTest(classes = HeraldWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.config.name=herald-core,herald-worker", "herald.delivery.dispatcher.enabled=false",
				"herald.worker.subscription-cache.refresh=500ms",
				"spring.cloud.stream.bindings.heraldEvents-in-0.consumer.back-off-initial-interval=100",
				"spring.cloud.stream.bindings.heraldEvents-in-0.consumer.back-off-max-interval=500",
				"spring.cloud.stream.kafka.bindings.heraldEvents-in-0.consumer.configuration.client.id="
						+ IngestIntegrationTestSupport.CLIENT_ID })
public abstract class IngestIntegrationTestSupport {

	protected static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** The events topic of the shared test context. */
	protected static final String TOPIC = "herald.events.ingest-tests";

	/** The dead-letter topic of the shared test context. */
	protected static final String DLQ_TOPIC = TOPIC + ".dlq";

	/**
	 * Consumer client id of the shared context. Kafka's default assignor hands partitions
	 * out in member order, which starts with the client id.
	 */
	protected static final String CLIENT_ID = "herald-worker-tests-1";

	private static KafkaProducer<String, byte[]> producer;

	@Autowired
	protected TenantManagement tenants;

	@Autowired
	protected EventTypeRepository eventTypes;

	@Autowired
	protected TemplateRepository templates;

	@Autowired
	protected SubscriptionRepository subscriptions;

	@Autowired
	protected RecipientRepository recipients;

	@Autowired
	protected NotificationRepository notifications;

	@Autowired
	protected EventRecordRepository events;

	@Autowired
	protected CloudEventCodec codec;

	@Autowired
	protected JsonMapper json;

	@Autowired
	protected MeterRegistry meters;

	@Autowired
	protected Environment environment;

	@Autowired
	protected Clock clock;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.register(registry, TestServers.DatabaseLogin.WORKER);
		createTopics(TOPIC, DLQ_TOPIC);
		registry.add("herald.topics.events", () -> TOPIC);
		registry.add("herald.topics.dead-letter", () -> DLQ_TOPIC);
	}

	protected static void createTopics(String... names) {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers()))) {
			for (String name : names) {
				try {
					admin.createTopics(List.of(new NewTopic(name, 3, (short) 1))).all().get();
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
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

	protected Tenant newTenant() {
		return this.tenants.create("t-" + UUID.randomUUID().toString().substring(0, 13), "Test tenant", Actor.SYSTEM)
			.tenant();
	}

	protected EventType eventType(Tenant tenant, String name, String jsonSchema) {
		return this.eventTypes.save(new EventType(tenant.getId(), name, null, jsonSchema, null, this.clock.instant()));
	}

	protected Template template(Tenant tenant, String name, Channel channel, String locale, int version, String subject,
			String body) {
		return this.templates
			.save(new Template(tenant.getId(), name, channel, locale, version, subject, body, this.clock.instant()));
	}

	protected Subscription subscription(Tenant tenant, EventType type, String template, Channel channel,
			String endpoint, String recipientRule, String filter) {
		return this.subscriptions.save(new Subscription(tenant.getId(), type.getId(), template, channel, endpoint, null,
				recipientRule, filter, true, this.clock.instant()));
	}

	protected Subscription webhook(Tenant tenant, EventType type, String template) {
		return subscription(tenant, type, template, Channel.WEBHOOK, "http://127.0.0.1:9/hooks/" + UUID.randomUUID(),
				null, null);
	}

	protected Recipient recipient(Tenant tenant, String externalId, String email, String pushTokens, String locale,
			String optOutChannels, String optOutEventTypes) {
		Instant now = this.clock.instant();
		Recipient recipient = new Recipient(tenant.getId(), externalId, now);
		recipient.update(email, null, commaList(pushTokens), locale, null, commaList(optOutChannels),
				commaList(optOutEventTypes), now);
		return this.recipients.save(recipient);
	}

	private static List<String> commaList(String values) {
		return (values != null) ? List.of(values.split(",")) : List.of();
	}

	protected CloudEventEnvelope event(Tenant tenant, String type, String subject, String dataJson) {
		JsonNode data = (dataJson != null) ? this.json.readTree(dataJson) : null;
		return new CloudEventEnvelope("evt-" + UUID.randomUUID(), "/tests", type, subject, this.clock.instant(),
				"application/json", data, (tenant != null) ? tenant.getId() : null);
	}

	/** Publishes a structured-mode CloudEvent keyed as platform-api keys it. */
	protected String publish(Tenant tenant, String type, String subject, String dataJson) {
		CloudEventEnvelope event = event(tenant, type, subject, dataJson);
		send(new ProducerRecord<>(TOPIC, event.partitionKey(), this.codec.write(event)));
		return event.id();
	}

	protected static void send(ProducerRecord<String, byte[]> record) {
		try {
			producer().send(record).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	protected static synchronized KafkaProducer<String, byte[]> producer() {
		if (producer == null) {
			Properties config = new Properties();
			config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers());
			config.put(ProducerConfig.ACKS_CONFIG, "all");
			config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
			producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
			Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
		}
		return producer;
	}

	protected EventRecord awaitStored(Tenant tenant, String eventId) {
		return await().atMost(TIMEOUT)
			.until(() -> this.events.findById(new EventRecord.Key(tenant.getId(), eventId)).orElse(null),
					(record) -> record != null);
	}

	protected List<Notification> notificationsOf(Tenant tenant, String eventId) {
		return this.notifications.findAllByTenantIdAndEventIdOrderByCreatedAtAsc(tenant.getId(), eventId);
	}

	/** Waits for the event to be stored, then returns its notifications. */
	protected List<Notification> awaitFanOut(Tenant tenant, String eventId) {
		awaitStored(tenant, eventId);
		return notificationsOf(tenant, eventId);
	}

	protected double count(String name, String... tags) {
		return this.meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
	}

	/** Reads the dead-letter topic from its start until a record matches. */
	protected static ConsumerRecord<String, byte[]> awaitDeadLetter(Predicate<ConsumerRecord<String, byte[]>> match) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(DLQ_TOPIC));
			List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
			return await().atMost(TIMEOUT).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
				return seen.stream().filter(match).findFirst().orElse(null);
			}, (record) -> record != null);
		}
	}

	protected static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
