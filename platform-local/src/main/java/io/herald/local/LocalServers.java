package io.herald.local;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

import io.herald.local.RunningHerald.Endpoints;

/**
 * The servers Herald needs, for tools that run the apps themselves (the {@code bench}
 * command, fault-injection suites): either local mode's embedded PostgreSQL, Redis and
 * KRaft Kafka started in this JVM, or external servers named by their URLs. Gives the
 * properties an app needs to use them, the same ones local mode passes.
 */
public final class LocalServers implements AutoCloseable {

	private final Endpoints endpoints;

	private final Deque<AutoCloseable> resources;

	private final boolean external;

	private LocalServers(Endpoints endpoints, Deque<AutoCloseable> resources, boolean external) {
		this.endpoints = endpoints;
		this.resources = resources;
		this.external = external;
	}

	/**
	 * Starts the embedded servers on the ports of {@code settings}, with their data in
	 * its data directory; {@link #close()} stops them.
	 */
	public static LocalServers startEmbedded(LocalSettings settings) {
		Deque<AutoCloseable> resources = new ArrayDeque<>();
		try {
			DataDirectory dataDir = DataDirectory.open(settings.dataDir(), settings.clean());
			resources.push(dataDir);
			return new LocalServers(EmbeddedServers.start(settings, dataDir, resources), resources, false);
		}
		catch (RuntimeException ex) {
			RunningHerald.closeAll(resources);
			throw ex;
		}
	}

	/** Servers that run elsewhere; {@link #close()} leaves them alone. */
	public static LocalServers external(String jdbcUrl, String redisUrl, String kafkaBootstrapServers) {
		return new LocalServers(new Endpoints(jdbcUrl, redisUrl, kafkaBootstrapServers), new ArrayDeque<>(), true);
	}

	public boolean isExternal() {
		return this.external;
	}

	public String jdbcUrl() {
		return this.endpoints.jdbcUrl();
	}

	public String jdbcUser() {
		return LocalPostgres.USER;
	}

	public String redisUrl() {
		return this.endpoints.redisUrl();
	}

	public String kafkaBootstrapServers() {
		return this.endpoints.kafkaBootstrapServers();
	}

	/**
	 * The properties local mode gives {@code app} on {@code port}: these servers, the
	 * operator login, the crypto key, private webhook targets allowed.
	 */
	public Map<String, String> appProperties(String app, int port, String operatorUsername, String operatorPassword,
			String cryptoKey) {
		Map<String, String> properties = new LinkedHashMap<>(
				HeraldLocal.sharedProperties(this.endpoints, operatorUsername, operatorPassword, cryptoKey));
		properties.put("server.port", String.valueOf(port));
		properties.putAll(HeraldLocal.appProperties(LocalAppMain.app(app)));
		return properties;
	}

	@Override
	public void close() {
		RunningHerald.closeAll(this.resources);
	}

}
