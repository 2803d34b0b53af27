package io.herald.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * How local mode runs: {@code herald.local.*} for the launcher itself, plus the
 * operator's console and API login ({@code herald.operator.*}). Read from command-line
 * arguments ({@code --herald.local.api-port=9080}), system properties and environment
 * variables ({@code HERALD_LOCAL_DATA_DIR}, {@code HERALD_OPERATOR_PASSWORD}).
 *
 * @param dataDir where PostgreSQL, Redis, Kafka and the generated secrets keep their data
 * @param clean whether to wipe {@code dataDir} before starting
 * @param apiPort HTTP port of platform-api
 * @param consolePort HTTP port of the admin console
 * @param workerPort HTTP port of the worker (actuator only)
 * @param postgresPort port of the embedded PostgreSQL
 * @param redisPort port of the embedded Redis
 * @param kafkaPort port of the embedded Kafka broker's client listener
 * @param kafkaControllerPort port of the embedded Kafka's KRaft controller listener
 * @param operatorUsername the operator's login
 * @param operatorPassword the operator's password; {@code null} to generate one (kept in
 * the data directory)
 */
public record LocalSettings(Path dataDir, boolean clean, int apiPort, int consolePort, int workerPort, int postgresPort,
		int redisPort, int kafkaPort, int kafkaControllerPort, String operatorUsername, String operatorPassword) {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	/** The default data directory: {@code ~/.herald/local}. */
	public static Path defaultDataDir() {
		return Path.of(System.getProperty("user.home"), ".herald", "local");
	}

	/** The settings when nothing is configured. */
	public static LocalSettings defaults() {
		return new LocalSettings(defaultDataDir(), false, 8080, 8081, 8082, 15432, 16379, 19092, 19093, "operator",
				null);
	}

	/**
	 * Reads the settings from arguments, system properties and the environment, in that
	 * order of precedence. {@code --clean} is short for
	 * {@code --herald.local.clean=true}.
	 */
	public static LocalSettings load(String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		String[] options = Arrays.stream(args).filter((arg) -> !"--clean".equals(arg)).toArray(String[]::new);
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(options));
		Binder binder = Binder.get(environment);
		LocalSettings defaults = defaults();
		boolean clean = Arrays.asList(args).contains("--clean")
				|| binder.bind("herald.local.clean", Boolean.class).orElse(false);
		return new LocalSettings(
				binder.bind("herald.local.data-dir", String.class).map(Path::of).orElse(defaults.dataDir()), clean,
				port(binder, "api-port", defaults.apiPort()), port(binder, "console-port", defaults.consolePort()),
				port(binder, "worker-port", defaults.workerPort()),
				port(binder, "postgres-port", defaults.postgresPort()),
				port(binder, "redis-port", defaults.redisPort()), port(binder, "kafka-port", defaults.kafkaPort()),
				port(binder, "kafka-controller-port", defaults.kafkaControllerPort()),
				binder.bind("herald.operator.username", String.class).orElse(defaults.operatorUsername()),
				binder.bind("herald.operator.password", String.class).map((p) -> p.isBlank() ? null : p).orElse(null));
	}

	private static int port(Binder binder, String name, int fallback) {
		return binder.bind("herald.local." + name, Integer.class).orElse(fallback);
	}

	public LocalSettings withDataDir(Path dataDir) {
		return new LocalSettings(dataDir, this.clean, this.apiPort, this.consolePort, this.workerPort,
				this.postgresPort, this.redisPort, this.kafkaPort, this.kafkaControllerPort, this.operatorUsername,
				this.operatorPassword);
	}

	public LocalSettings withClean(boolean clean) {
		return new LocalSettings(this.dataDir, clean, this.apiPort, this.consolePort, this.workerPort,
				this.postgresPort, this.redisPort, this.kafkaPort, this.kafkaControllerPort, this.operatorUsername,
				this.operatorPassword);
	}

	public LocalSettings withOperator(String username, String password) {
		return new LocalSettings(this.dataDir, this.clean, this.apiPort, this.consolePort, this.workerPort,
				this.postgresPort, this.redisPort, this.kafkaPort, this.kafkaControllerPort, username, password);
	}

	/**
	 * The same settings on free ports picked now, for tests and for running several
	 * stacks side by side. Keep the returned settings to restart on the same ports.
	 */
	public LocalSettings withFreePorts() {
		return new LocalSettings(this.dataDir, this.clean, freePort(), freePort(), freePort(), freePort(), freePort(),
				freePort(), freePort(), this.operatorUsername, this.operatorPassword);
	}

	/**
	 * A port that is free now, taken below Linux's ephemeral range (32768-60999) so that
	 * the outgoing connections the stack opens while starting (JDBC, Kafka, Redis
	 * clients) cannot grab it before the server that should listen on it binds; never the
	 * same port twice in one JVM.
	 */
	private static int freePort() {
		for (int attempt = 0; attempt < 1_000; attempt++) {
			int candidate = 20_000 + RANDOM.nextInt(12_000);
			if (!HANDED_OUT.add(candidate)) {
				continue;
			}
			try (ServerSocket socket = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
				return candidate;
			}
			catch (IOException ex) {
				// taken: try another
			}
		}
		throw new UncheckedIOException(new IOException("No free port found between 20000 and 32000"));
	}

}
