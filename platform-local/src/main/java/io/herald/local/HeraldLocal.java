package io.herald.local;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.herald.local.RunningHerald.Credentials;
import io.herald.local.bench.BenchCommand;
import io.herald.local.invariants.InvariantCommand;
import io.herald.local.RunningHerald.Endpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Herald in one command and one process: real embedded PostgreSQL, Redis and a KRaft
 * Kafka broker with their data in {@code herald.local.data-dir}, then the worker, the
 * admin console and the API as separate Spring contexts of this JVM. The API starts last,
 * so its {@code /actuator/health} answers {@code UP} only when everything is ready.
 *
 * <p>
 * From code: {@code try (RunningHerald herald = HeraldLocal.start(settings)) { ... }}.
 */
public final class HeraldLocal {

	static final String OPERATOR_PASSWORD_FILE = "operator-password";

	static final String CRYPTO_KEY_FILE = "crypto.key";

	private static final Logger log = LoggerFactory.getLogger(HeraldLocal.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private HeraldLocal() {
	}

	public static void main(String[] args) {
		if (args.length > 0 && "bench".equals(args[0])) {
			System.exit(BenchCommand.run(List.of(args).subList(1, args.length)));
		}
		if (args.length > 0 && "invariants".equals(args[0])) {
			System.exit(InvariantCommand.run(List.of(args).subList(1, args.length)));
		}
		if (List.of(args).contains("--help")) {
			System.out.println(Usage.TEXT);
			return;
		}
		try {
			RunningHerald herald = start(LocalSettings.load(args));
			herald.stopOnShutdown();
			System.out.println(herald.summary());
		}
		catch (RuntimeException ex) {
			log.error("Herald local mode failed to start: {}", ex.getMessage(), ex);
			System.exit(1);
		}
	}

	/**
	 * Starts the servers and the apps; the caller closes the returned stack (a shutdown
	 * hook is not installed: {@link #main} does that).
	 */
	public static RunningHerald start(LocalSettings settings) {
		long started = System.nanoTime();
		log.info("Herald local mode: data in {}{}", settings.dataDir().toAbsolutePath(),
				settings.clean() ? " (wiping it first)" : "");
		Deque<AutoCloseable> resources = new ArrayDeque<>();
		try {
			DataDirectory dataDir = DataDirectory.open(settings.dataDir(), settings.clean());
			resources.push(dataDir);
			Endpoints endpoints = EmbeddedServers.start(settings, dataDir, resources);
			log.info("Embedded PostgreSQL, Redis and Kafka are up after {} ms", elapsedMillis(started));

			String password = (settings.operatorPassword() != null) ? settings.operatorPassword()
					: dataDir.secret(OPERATOR_PASSWORD_FILE, HeraldLocal::randomPassword);
			String cryptoKey = dataDir.secret(CRYPTO_KEY_FILE, HeraldLocal::randomAesKey);
			Map<String, String> shared = sharedProperties(endpoints, settings.operatorUsername(), password, cryptoKey);

			Map<LocalApp, ConfigurableApplicationContext> apps = new EnumMap<>(LocalApp.class);
			ConfigurableApplicationContext worker = startApp(LocalApp.WORKER, shared, settings.workerPort(), resources);
			apps.put(LocalApp.WORKER, worker);
			String demoKey = DemoTenant.ensure(worker, dataDir);
			apps.put(LocalApp.ADMIN, startApp(LocalApp.ADMIN, shared, settings.consolePort(), resources));
			apps.put(LocalApp.API, startApp(LocalApp.API, shared, settings.apiPort(), resources));

			Credentials credentials = new Credentials(settings.operatorUsername(), password,
					settings.operatorPassword() == null, demoKey);
			return new RunningHerald(settings, dataDir.root(), endpoints, credentials, apps, resources,
					Duration.ofMillis(elapsedMillis(started)));
		}
		catch (RuntimeException ex) {
			RunningHerald.closeAll(resources);
			throw ex;
		}
	}

	private static ConfigurableApplicationContext startApp(LocalApp app, Map<String, String> shared, int port,
			Deque<AutoCloseable> resources) {
		long started = System.nanoTime();
		Map<String, String> properties = new LinkedHashMap<>(shared);
		properties.put("server.port", String.valueOf(port));
		properties.putAll(appProperties(app));
		ConfigurableApplicationContext context = app.start(properties);
		resources.push(new NamedContext(app, context));
		log.info("Herald {} is up on port {} after {} ms", app.displayName(), port, elapsedMillis(started));
		return context;
	}

	static Map<String, String> sharedProperties(Endpoints endpoints, String operatorUsername, String operatorPassword,
			String cryptoKey) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", endpoints.jdbcUrl());
		properties.put("spring.datasource.password", "");
		// Liquibase migrates as the owner, the apps connect as roles that own nothing
		// (appProperties); the embedded server trusts local logins (decision 0074)
		properties.put("spring.liquibase.user", LocalPostgres.USER);
		properties.put("spring.liquibase.password", "");
		properties.put("spring.datasource.hikari.maximum-pool-size", "5");
		properties.put("spring.kafka.bootstrap-servers", endpoints.kafkaBootstrapServers());
		properties.put("spring.data.redis.url", endpoints.redisUrl());
		properties.put("herald.crypto.key", cryptoKey);
		properties.put("herald.operator.username", operatorUsername);
		properties.put("herald.operator.password", operatorPassword);
		properties.put("herald.webhook.allow-private-networks", "true");
		properties.put("herald.channels.smtp.allow-private-networks", "true");
		properties.put("herald.channels.sandbox.enabled", "true");
		properties.put("herald.api.topic-partitions", String.valueOf(LocalKafka.PARTITIONS));
		properties.put("server.address", "127.0.0.1");
		// one process, several contexts: the launcher owns shutdown order and the banner
		properties.put("spring.main.register-shutdown-hook", "false");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.jmx.enabled", "false");
		properties.put("logging.register-shutdown-hook", "false");
		properties.put("logging.include-application-name", "false");
		return properties;
	}

	static Map<String, String> appProperties(LocalApp app) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.username", (app == LocalApp.WORKER) ? "herald_worker" : "herald_app");
		if (app != LocalApp.ADMIN) {
			// the console's templates and static files share the classpath
			properties.put("spring.web.resources.add-mappings", "false");
		}
		if (app != LocalApp.API) {
			properties.put("springdoc.api-docs.enabled", "false");
			properties.put("springdoc.swagger-ui.enabled", "false");
		}
		return properties;
	}

	/** 144 random bits in URL-safe Base64: easy to copy, nothing to escape in a shell. */
	private static String randomPassword() {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(18));
	}

	/** An AES-256 key in the Base64 form {@code herald.crypto.key} expects. */
	private static String randomAesKey() {
		return Base64.getEncoder().encodeToString(randomBytes(32));
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	private static long elapsedMillis(long startedNanos) {
		return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
	}

	/** A started app, named for the shutdown log. */
	private record NamedContext(LocalApp app, ConfigurableApplicationContext context) implements AutoCloseable {

		@Override
		public void close() {
			this.context.close();
		}

		@Override
		public String toString() {
			return "Herald " + this.app.displayName();
		}

	}

	private static final class Usage {

		static final String TEXT = """
				Herald local mode: embedded PostgreSQL, Redis and Kafka plus the API, worker and console.

				  java -jar herald-local.jar [--clean] [--herald.local.<option>=<value> ...]
				  java -jar herald-local.jar bench --help      the benchmark (docs/benchmarks.md)
				  java -jar herald-local.jar invariants --help the fault-injection suite (docs/reliability.md)

				Options (also as system properties -Dherald.local.api-port=... or environment
				variables HERALD_LOCAL_API_PORT=...):
				  --clean                               wipe the data directory first
				  herald.local.data-dir                 default ~/.herald/local
				  herald.local.api-port                 default 8080
				  herald.local.console-port             default 8081
				  herald.local.worker-port              default 8082
				  herald.local.postgres-port            default 15432
				  herald.local.redis-port               default 16379
				  herald.local.kafka-port               default 19092
				  herald.local.kafka-controller-port    default 19093
				  herald.operator.username              default operator (HERALD_OPERATOR_USERNAME)
				  herald.operator.password              generated and kept in the data dir when unset
				                                        (HERALD_OPERATOR_PASSWORD)
				""";

	}

}
