package io.herald.worker.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.herald.core.channel.Channel;
import io.herald.core.delivery.AttemptOutcome;
import io.herald.core.delivery.DeliveryAttempt;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.testing.TcpProxy;
import io.herald.core.testing.TestServers;
import io.herald.worker.delivery.DeliveryFixtures.Setup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6, D: the database going away between a send and its record must not make the
 * notification go out twice. The worker reaches PostgreSQL through a {@link TcpProxy};
 * the receiver cuts it (open connections dropped, new ones refused) when the request
 * arrives and restores it two seconds later, after answering 200. The send has happened;
 * the worker must keep trying to record it instead of leaving the row to its lease (five
 * seconds here), whose expiry would send it again.
 */
@SpringBootTest(classes = DeliveryTestApplication.class,
		properties = { "spring.config.name=herald-core", "herald.webhook.allow-private-networks=true",
				"herald.delivery.poll-interval=200ms", "herald.delivery.retry-schedule=100ms,100ms",
				"herald.delivery.lease=5s", "spring.datasource.hikari.connection-timeout=1000",
				"spring.datasource.hikari.validation-timeout=500" })
class RecordingDuringPostgresOutageIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static TcpProxy postgres;

	private static HttpServer receiver;

	private static final AtomicInteger arrivals = new AtomicInteger();

	@Autowired
	DeliveryFixtures fixtures;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		postgres = TestServers.registerPostgresBehindProxy(registry, TestServers.DatabaseLogin.WORKER);
	}

	@BeforeAll
	static void startReceiver() throws IOException {
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
		receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		receiver.createContext("/cut-on-arrival", RecordingDuringPostgresOutageIntegrationTests::cutThenAccept);
		receiver.start();
	}

	@AfterAll
	static void stop() {
		receiver.stop(0);
		postgres.close();
	}

	private static void cutThenAccept(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			if (arrivals.incrementAndGet() == 1) {
				postgres.cut();
				CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS).execute(postgres::restore);
			}
			exchange.sendResponseHeaders(200, -1);
		}
	}

	@Test
	void anAttemptMadeWhilePostgresWentAwayIsRecordedOnceItIsBackAndNotSentAgain() {
		Setup setup = this.fixtures.setup(Channel.WEBHOOK,
				"http://127.0.0.1:" + receiver.getAddress().getPort() + "/cut-on-arrival");

		UUID id = this.fixtures.queue(setup, 1).get(0);

		await().atMost(WAIT).ignoreExceptions().until(() -> this.fixtures.row(id).status() == NotificationStatus.SENT);
		List<DeliveryAttempt> attempts = this.fixtures.attempts(setup, id);
		assertThat(attempts).singleElement().satisfies((attempt) -> {
			assertThat(attempt.getOutcome()).isEqualTo(AttemptOutcome.SENT);
			assertThat(attempt.getAttemptNumber()).isEqualTo(1);
		});
		assertThat(this.fixtures.row(id).attempts()).isEqualTo(1);
		assertThat(arrivals).hasValue(1);
	}

}
