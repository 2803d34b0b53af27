package io.herald.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A started local stack: where to reach it, how to sign in, and {@link #close()} to stop
 * the apps and then Kafka, Redis and PostgreSQL.
 */
public final class RunningHerald implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RunningHerald.class);

	private final LocalSettings settings;

	private final Path dataDir;

	private final Endpoints endpoints;

	private final Credentials credentials;

	private final Map<LocalApp, ConfigurableApplicationContext> apps;

	private final Deque<AutoCloseable> resources;

	private final Duration startupTime;

	private Thread shutdownHook;

	private boolean closed;

	RunningHerald(LocalSettings settings, Path dataDir, Endpoints endpoints, Credentials credentials,
			Map<LocalApp, ConfigurableApplicationContext> apps, Deque<AutoCloseable> resources, Duration startupTime) {
		this.settings = settings;
		this.dataDir = dataDir;
		this.endpoints = endpoints;
		this.credentials = credentials;
		this.apps = Map.copyOf(apps);
		this.resources = new ArrayDeque<>(resources);
		this.startupTime = startupTime;
	}

	/** Where the embedded servers listen. */
	record Endpoints(String jdbcUrl, String redisUrl, String kafkaBootstrapServers) {
	}

	/** The generated or configured secrets local mode prints. */
	record Credentials(String operatorUsername, String operatorPassword, boolean operatorPasswordGenerated,
			String demoApiKey) {
	}

	public String apiUrl() {
		return "http://127.0.0.1:" + this.settings.apiPort();
	}

	public String consoleUrl() {
		return "http://127.0.0.1:" + this.settings.consolePort();
	}

	public String workerUrl() {
		return "http://127.0.0.1:" + this.settings.workerPort();
	}

	public String demoTenantSlug() {
		return DemoTenant.SLUG;
	}

	public String demoApiKey() {
		return this.credentials.demoApiKey();
	}

	public String operatorUsername() {
		return this.credentials.operatorUsername();
	}

	public String operatorPassword() {
		return this.credentials.operatorPassword();
	}

	public Path dataDir() {
		return this.dataDir;
	}

	public LocalSettings settings() {
		return this.settings;
	}

	/** JDBC URL of the embedded PostgreSQL's {@code herald} database (user postgres). */
	public String jdbcUrl() {
		return this.endpoints.jdbcUrl();
	}

	public String redisUrl() {
		return this.endpoints.redisUrl();
	}

	public String kafkaBootstrapServers() {
		return this.endpoints.kafkaBootstrapServers();
	}

	public ConfigurableApplicationContext apiContext() {
		return this.apps.get(LocalApp.API);
	}

	public ConfigurableApplicationContext workerContext() {
		return this.apps.get(LocalApp.WORKER);
	}

	public ConfigurableApplicationContext adminContext() {
		return this.apps.get(LocalApp.ADMIN);
	}

	public Duration startupTime() {
		return this.startupTime;
	}

	/** What local mode prints once it is up: URLs, logins and first commands. */
	public String summary() {
		return StartupSummary.of(this, this.credentials.operatorPasswordGenerated());
	}

	void stopOnShutdown() {
		this.shutdownHook = new Thread(this::close, "herald-local-shutdown");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/** Stops the apps, then Kafka, Redis and PostgreSQL; safe to call twice. */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		removeShutdownHook();
		log.info("Stopping Herald local mode");
		closeAll(this.resources);
		log.info("Herald local mode stopped");
	}

	static void closeAll(Deque<AutoCloseable> resources) {
		while (!resources.isEmpty()) {
			AutoCloseable resource = resources.pop();
			try {
				resource.close();
			}
			catch (Exception ex) {
				log.warn("Failed to stop {} cleanly", resource, ex);
			}
		}
	}

	private void removeShutdownHook() {
		if (this.shutdownHook != null && Thread.currentThread() != this.shutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// the JVM is already shutting down
			}
		}
	}

}
