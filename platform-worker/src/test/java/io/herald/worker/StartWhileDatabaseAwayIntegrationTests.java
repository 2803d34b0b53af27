package io.herald.worker;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.herald.core.startup.PatientStartup;
import io.herald.core.testing.TcpProxy;
import io.herald.core.testing.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6, invariant suite run 4: a worker (re)started while PostgreSQL is away must wait
 * for it and come up, not exit. The real worker app starts against a database behind a
 * {@link TcpProxy} that refuses every connection; once it has failed and tried again, the
 * proxy is restored and the same start ends with a running worker whose schema Liquibase
 * migrated.
 */
class StartWhileDatabaseAwayIntegrationTests {

	@Test
	void aWorkerStartedWhilePostgresIsAwayWaitsAndComesUpWhenItIsBack() throws Exception {
		Map<String, Object> properties = new LinkedHashMap<>();
		TcpProxy postgres = TestServers.registerPostgresBehindProxy((name, value) -> properties.put(name, value.get()),
				TestServers.DatabaseLogin.WORKER);
		TestServers.registerRedis((name, value) -> properties.put(name, value.get()));
		TestServers.registerKafka((name, value) -> properties.put(name, value.get()));
		String topic = "herald.events.start-tests-" + UUID.randomUUID().toString().substring(0, 8);
		properties.putAll(Map.of("server.port", 0, "management.server.port", 0, "herald.delivery.dispatcher.enabled",
				false, "spring.cloud.stream.bindings.heraldEvents-in-0.destination", topic,
				"spring.cloud.stream.bindings.heraldEvents-in-0.group", "herald-worker-start-tests",
				"herald.worker.events.dead-letter-topic", topic + ".dlq", "spring.datasource.hikari.connection-timeout",
				1000));
		String[] args = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		AtomicInteger attempts = new AtomicInteger();
		postgres.cut();
		CompletableFuture<ConfigurableApplicationContext> start = CompletableFuture
			.supplyAsync(() -> PatientStartup.run("worker", () -> {
				attempts.incrementAndGet();
				return HeraldWorkerApplication.builder();
			}, Duration.ofMinutes(3), Duration.ofMillis(500), args));
		try {
			await().atMost(Duration.ofMinutes(2)).until(() -> attempts.get() >= 2 || start.isDone());
			assertThat(start).as("the start waits while PostgreSQL refuses connections").isNotDone();

			postgres.restore();
			try (ConfigurableApplicationContext worker = start.get(3, TimeUnit.MINUTES)) {
				assertThat(worker.isActive()).isTrue();
				Boolean migrated = worker.getBean(JdbcClient.class)
					.sql("SELECT to_regclass('public.notification') IS NOT NULL")
					.query(Boolean.class)
					.single();
				assertThat(migrated).as("Liquibase migrated the schema once PostgreSQL was back").isTrue();
			}
		}
		finally {
			postgres.close();
		}
	}

}
