package io.herald.worker.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.herald.core.audit.Actor;
import io.herald.core.channel.Channel;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.eventtype.EventType;
import io.herald.core.secret.SecretCipher;
import io.herald.core.secret.SecretContext;
import io.herald.core.subscription.Subscription;
import io.herald.core.tenant.Tenant;
import io.herald.worker.HeraldWorkerApplication;
import io.herald.worker.IngestIntegrationTestSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications created claimed (decision 0105): a worker with its dispatcher on inserts
 * the rows fan-out creates as {@code SENDING} in their first attempt, leased to itself,
 * and sends them after the commit without a claim statement; it renews their leases while
 * they wait for a sender, releases them when it stops before sending them, and creates a
 * suspended tenant's rows PENDING (held). Each test runs its own worker process context
 * on its own topic, beside the shared ingest context (whose dispatcher is off).
 */
class CreatedClaimedIntegrationTests extends IngestIntegrationTestSupport {

	private static final String CLAIMED_TOPIC = "herald.events.created-claimed-tests";

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static HttpServer receiver;

	/**
	 * Requests per path; a path in {@link #held} waits for its latch before answering.
	 */
	private static final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private static final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SecretCipher cipher;

	@BeforeAll
	static void startReceiver() throws IOException {
		createTopics(CLAIMED_TOPIC, CLAIMED_TOPIC + ".dlq");
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/", CreatedClaimedIntegrationTests::answer);
		receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		receiver.start();
	}

	@AfterAll
	static void stopReceiver() {
		held.values().forEach(CountDownLatch::countDown);
		receiver.stop(0);
	}

	private static void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		exchange.getRequestBody().readAllBytes();
		requests.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
		CountDownLatch latch = held.get(path);
		if (latch != null) {
			try {
				latch.await(2, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		exchange.sendResponseHeaders(204, -1);
		exchange.close();
	}

	@Test
	void rowsAreCreatedClaimedAndSentOnceWithoutAClaim() {
		try (ConfigurableApplicationContext worker = startWorker("64")) {
			OutboxDispatcher dispatcher = worker.getBean(OutboxDispatcher.class);
			Tenant tenant = newTenant();
			List<String> eventIds = publishAll(tenant, "/once", 20);

			List<UUID> ids = awaitNotifications(tenant, eventIds);
			await().atMost(WAIT).until(() -> count(ids, "status = 'SENT'") == 20);

			assertThat(requests.get("/once")).hasValue(20);
			assertThat(this.jdbc
				.sql("SELECT count(*) FROM delivery_attempt WHERE notification_id = ANY (CAST(:ids AS uuid[]))"
						+ " AND attempt_number = 1 AND outcome = 'SENT'")
				.param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
				.query(Long.class)
				.single()).isEqualTo(20);
			assertThat(count(ids, "attempts = 1")).isEqualTo(20);
			// every row of the tenant was sent as created: none was claimed by a
			// statement
			assertThat(dispatcher.createdClaimedCount()).isEqualTo(20);
			assertThat(dispatcher.claimedByHandoffCount()).isEqualTo(20);
		}
	}

	@Test
	void aSuspendedTenantsRowsAreCreatedPendingAndHeld() {
		try (ConfigurableApplicationContext worker = startWorker("64")) {
			OutboxDispatcher dispatcher = worker.getBean(OutboxDispatcher.class);
			Tenant tenant = newTenant();
			this.tenants.suspend(tenant.getSlug(), Actor.user("operator"));
			List<String> eventIds = publishAll(tenant, "/suspended", 3);

			List<UUID> ids = awaitNotifications(tenant, eventIds);

			assertThat(count(ids, "status = 'PENDING' AND attempts = 0 AND claimed_until IS NULL")).isEqualTo(3);
			assertThat(dispatcher.createdClaimedCount()).isZero();
			this.tenants.resume(tenant.getSlug(), Actor.user("operator"));
			await().atMost(WAIT).until(() -> count(ids, "status = 'SENT'") == 3);
			assertThat(requests.get("/suspended")).hasValue(3);
		}
	}

	@Test
	void rowsWaitingForASenderKeepTheirLeaseAndAreReleasedWhenTheWorkerStops() throws Exception {
		CountDownLatch answer = new CountDownLatch(1);
		held.put("/slow", answer);
		List<UUID> ids;
		try (ConfigurableApplicationContext worker = startWorker("1")) {
			Tenant tenant = newTenant();
			// one send runs and its receiver does not answer: the tenant is at its cap of
			// 1
			ids = new ArrayList<>(awaitNotifications(tenant, publishAll(tenant, "/slow", 1)));

			await().atMost(WAIT).until(() -> requests.getOrDefault("/slow", new AtomicInteger()).get() == 1);
			// so the next four wait in the hand-over, created claimed
			ids.addAll(awaitNotifications(tenant, publishEvents(tenant, 4)));
			assertThat(count(ids, "status = 'SENDING' AND attempts = 1")).isEqualTo(5);
			Map<UUID, Timestamp> leases = leases(ids);

			// the lease is 3 s, renewed every second: it moves on while the rows wait
			await().atMost(WAIT)
				.until(() -> leases(ids).entrySet()
					.stream()
					.filter((lease) -> lease.getValue().after(leases.get(lease.getKey())))
					.count() == 5);
			// suspended, so that no other dispatcher of this JVM claims the rows once
			// they are released (a suspended tenant's rows are held)
			this.tenants.suspend(tenant.getSlug(), Actor.user("operator"));
		}
		finally {
			// after the worker stopped: its one send was still running
			answer.countDown();
		}
		// the four rows it never sent are PENDING again, their attempt not counted
		assertThat(count(ids, "status = 'PENDING' AND attempts = 0 AND claimed_until IS NULL")).isEqualTo(4);
		assertThat(requests.get("/slow")).hasValue(1);
	}

	private ConfigurableApplicationContext startWorker(String maxInFlightPerTenant) {
		return HeraldWorkerApplication.builder()
			.run("--spring.main.web-application-type=none", "--spring.liquibase.enabled=false",
					copy("spring.datasource.url"), copy("spring.datasource.username"),
					copy("spring.datasource.password"), copy("spring.data.redis.url"),
					copy("spring.kafka.bootstrap-servers"), copy("herald.crypto.key"),
					"--herald.topics.events=" + CLAIMED_TOPIC, "--herald.topics.dead-letter=" + CLAIMED_TOPIC + ".dlq",
					"--spring.cloud.stream.bindings.heraldEvents-in-0.group=herald-created-claimed-tests",
					"--herald.webhook.allow-private-networks=true", "--herald.delivery.lease=3s",
					"--herald.delivery.poll-interval=500ms", "--herald.delivery.shutdown-timeout=1s",
					"--herald.delivery.max-in-flight-per-tenant=" + maxInFlightPerTenant,
					"--herald.worker.subscription-cache.refresh=500ms");
	}

	private List<String> publishAll(Tenant tenant, String path, int count) {
		subscribe(tenant, path);
		return publishEvents(tenant, count);
	}

	/**
	 * A webhook subscription of the tenant's OrderPlaced events to the receiver's path.
	 */
	private void subscribe(Tenant tenant, String path) {
		EventType type = eventType(tenant, "OrderPlaced", null);
		template(tenant, "order", Channel.WEBHOOK, "en", 1, "Order", "Order {{ data.n }}");
		this.subscriptions.save(new Subscription(tenant.getId(), type.getId(), "order", Channel.WEBHOOK,
				"http://127.0.0.1:" + receiver.getAddress().getPort() + path, this.cipher
					.encrypt(DeliveryFixtures.SIGNING_SECRET, SecretContext.webhookSigningSecret(tenant.getId())),
				null, null, true, this.clock.instant()));
	}

	private List<String> publishEvents(Tenant tenant, int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			CloudEventEnvelope event = event(tenant, "OrderPlaced", "order-" + i, "{\"n\":" + i + "}");
			send(new ProducerRecord<>(CLAIMED_TOPIC, event.partitionKey(), this.codec.write(event)));
			ids.add(event.id());
		}
		return ids;
	}

	private List<UUID> awaitNotifications(Tenant tenant, List<String> eventIds) {
		List<UUID> ids = new ArrayList<>();
		for (String eventId : eventIds) {
			ids.add(await().atMost(WAIT)
				.until(() -> notificationsOf(tenant, eventId), (found) -> found.size() == 1)
				.get(0)
				.getId());
		}
		return ids;
	}

	private long count(List<UUID> ids, String condition) {
		return this.jdbc.sql("SELECT count(*) FROM notification WHERE id = ANY (CAST(:ids AS uuid[])) AND " + condition)
			.param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
			.query(Long.class)
			.single();
	}

	private Map<UUID, Timestamp> leases(List<UUID> ids) {
		Map<UUID, Timestamp> leases = new ConcurrentHashMap<>();
		this.jdbc
			.sql("SELECT id, claimed_until FROM notification WHERE id = ANY (CAST(:ids AS uuid[]))"
					+ " AND claimed_until IS NOT NULL")
			.param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
			.query((rs, row) -> leases.put(rs.getObject(1, UUID.class), rs.getTimestamp(2)))
			.list();
		return leases;
	}

	private String copy(String property) {
		return "--" + property + "=" + this.environment.getProperty(property);
	}

}
