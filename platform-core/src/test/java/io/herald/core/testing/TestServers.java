package io.herald.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL, Redis and Kafka servers for integration tests, started once per test
 * JVM and shared. Each Spring context gets its own fresh database, so test classes never
 * see each other's rows.
 *
 * <p>
 * By default the servers are embedded real binaries. Environment variables point tests at
 * servers of the machine instead: {@code HERALD_TEST_POSTGRES_URL} (a JDBC URL of a
 * database the user may create databases from, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code HERALD_TEST_POSTGRES_USER},
 * {@code HERALD_TEST_POSTGRES_PASSWORD}, {@code HERALD_TEST_REDIS_URL} (e.g.
 * {@code redis://127.0.0.1:6379}) and {@code HERALD_TEST_KAFKA_BOOTSTRAP_SERVERS}.
 */
public final class TestServers {

	/** The tests' {@code herald.crypto.key}: 32 fixed bytes, never used outside tests. */
	public static final String TEST_CRYPTO_KEY = "dGVzdC1vbmx5LWhlcmFsZC1jcnlwdG8ta2V5LTMyYiE=";

	private static String postgresAdminUrl;

	private static String postgresUser;

	private static String postgresPassword;

	private static final java.util.List<String> createdDatabases = new java.util.concurrent.CopyOnWriteArrayList<>();

	private static String redisUrl;

	private static RedisServer embeddedRedis;

	private static TcpProxy redisProxy;

	private static int embeddedRedisPort;

	private static String kafkaBootstrapServers;

	private TestServers() {
	}

	/**
	 * Registers a fresh database plus the shared Redis and Kafka with a Spring test
	 * context.
	 */
	public static void register(DynamicPropertyRegistry registry) {
		register(registry, DatabaseLogin.OWNER);
	}

	/**
	 * Registers a fresh database, the app connecting to it as {@code login}, plus the
	 * shared Redis and Kafka with a Spring test context.
	 */
	public static void register(DynamicPropertyRegistry registry, DatabaseLogin login) {
		registerPostgres(registry, login);
		registerRedis(registry);
		registerKafka(registry);
	}

	/**
	 * Registers a fresh database on the shared PostgreSQL server, and the tests'
	 * encryption key: every app with a database keeps secrets in it and refuses to start
	 * without {@code herald.crypto.key}.
	 */
	public static void registerPostgres(DynamicPropertyRegistry registry) {
		registerPostgres(registry, DatabaseLogin.OWNER);
	}

	/**
	 * As {@link #registerPostgres(DynamicPropertyRegistry)}, the app connecting as
	 * {@code login} while Liquibase migrates as the owner (decision 0074).
	 */
	public static String registerPostgres(DynamicPropertyRegistry registry, DatabaseLogin login) {
		String database = newDatabase();
		registry.add("spring.datasource.url", () -> database);
		registry.add("spring.datasource.username", () -> (login.role() != null) ? login.role() : postgresUser);
		registry.add("spring.datasource.password", () -> (login.role() != null) ? login.role() : postgresPassword);
		registry.add("spring.liquibase.user", () -> postgresUser);
		registry.add("spring.liquibase.password", () -> postgresPassword);
		registry.add("herald.crypto.key", () -> TEST_CRYPTO_KEY);
		return database;
	}

	/**
	 * As {@link #registerPostgres(DynamicPropertyRegistry, DatabaseLogin)}, the app (and
	 * Liquibase) reaching the database through a {@link TcpProxy} that the test can cut
	 * and restore: a database outage without stopping the shared server.
	 */
	public static TcpProxy registerPostgresBehindProxy(DynamicPropertyRegistry registry, DatabaseLogin login) {
		URI uri = URI.create(registerPostgres(registry, login).substring("jdbc:".length()));
		TcpProxy proxy = new TcpProxy(uri.getHost(), uri.getPort());
		String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + uri.getRawPath()
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		registry.add("spring.datasource.url", () -> proxied);
		return proxy;
	}

	/**
	 * The database at {@code jdbcUrl} as its owner, for fixtures an app role may not make
	 * (functions, triggers): the apps under test connect as roles that own nothing.
	 */
	public static DataSource asOwner(String jdbcUrl) {
		startPostgres();
		return new DriverManagerDataSource(jdbcUrl, postgresUser, postgresPassword);
	}

	public static void registerRedis(DynamicPropertyRegistry registry) {
		String redis = redisUrl();
		registry.add("spring.data.redis.url", () -> redis);
	}

	public static void registerKafka(DynamicPropertyRegistry registry) {
		String kafka = kafkaBootstrapServers();
		registry.add("spring.kafka.bootstrap-servers", () -> kafka);
	}

	/** Creates an empty database on the shared server and returns its JDBC URL. */
	public static synchronized String newDatabase() {
		startPostgres();
		String name = "herald_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		try (Connection connection = DriverManager.getConnection(postgresAdminUrl, postgresUser, postgresPassword);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
			createdDatabases.add(name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create test database on " + postgresAdminUrl, ex);
		}
		int slash = postgresAdminUrl.lastIndexOf('/');
		int query = postgresAdminUrl.indexOf('?', slash);
		return postgresAdminUrl.substring(0, slash + 1) + name + ((query > 0) ? postgresAdminUrl.substring(query) : "");
	}

	/**
	 * The shared Redis, always reached through a {@link TcpProxy} so that
	 * {@link #stopRedis()} can take it away from Herald whether it is embedded or the
	 * machine's own.
	 */
	private static void dropCreatedDatabases() {
		try (Connection connection = DriverManager.getConnection(postgresAdminUrl, postgresUser, postgresPassword);
				Statement statement = connection.createStatement()) {
			for (String name : createdDatabases) {
				statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
		}
		catch (SQLException ex) {
			System.err.println("Could not drop test databases " + createdDatabases + ": " + ex.getMessage());
		}
	}

	public static synchronized String redisUrl() {
		if (redisUrl == null) {
			String external = System.getenv("HERALD_TEST_REDIS_URL");
			URI target;
			if (external != null && !external.isBlank()) {
				target = URI.create(external);
			}
			else {
				embeddedRedisPort = freePort();
				startEmbeddedRedis();
				target = URI.create("redis://127.0.0.1:" + embeddedRedisPort);
			}
			redisProxy = new TcpProxy(target.getHost(), (target.getPort() > 0) ? target.getPort() : 6379);
			redisUrl = target.getScheme() + "://"
					+ ((target.getRawUserInfo() != null) ? target.getRawUserInfo() + "@" : "") + "127.0.0.1:"
					+ redisProxy.port() + ((target.getRawPath() != null) ? target.getRawPath() : "");
		}
		return redisUrl;
	}

	/**
	 * Makes Redis unreachable for Herald (open connections dropped, new ones refused),
	 * for fault-injection tests; {@link #startRedis()} brings it back.
	 */
	public static synchronized void stopRedis() {
		redisUrl();
		redisProxy.cut();
	}

	public static synchronized void startRedis() {
		redisUrl();
		redisProxy.restore();
	}

	public static synchronized String kafkaBootstrapServers() {
		if (kafkaBootstrapServers == null) {
			String external = System.getenv("HERALD_TEST_KAFKA_BOOTSTRAP_SERVERS");
			if (external != null && !external.isBlank()) {
				kafkaBootstrapServers = external;
			}
			else {
				EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
				broker.afterPropertiesSet();
				Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
				kafkaBootstrapServers = broker.getBrokersAsString();
			}
		}
		return kafkaBootstrapServers;
	}

	private static void startPostgres() {
		if (postgresAdminUrl != null) {
			return;
		}
		startPostgresServer();
		createLoginRoles();
	}

	/**
	 * The app roles of changeset 081, created here first so that they get a password (the
	 * role name, tests only): the machine's server may not trust local logins. Test JVMs
	 * sharing a server may race: a duplicate is not an error.
	 */
	private static void createLoginRoles() {
		try (Connection connection = DriverManager.getConnection(postgresAdminUrl, postgresUser, postgresPassword);
				Statement statement = connection.createStatement()) {
			for (DatabaseLogin login : DatabaseLogin.values()) {
				if (login.role() == null) {
					continue;
				}
				String role = login.role();
				String bypass = (login == DatabaseLogin.WORKER) ? "BYPASSRLS" : "NOBYPASSRLS";
				statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role
						+ "') THEN CREATE ROLE " + role + " LOGIN " + bypass + " PASSWORD '" + role + "'; END IF; "
						+ "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
				// created without a password by changeset 081 (local mode on this server)
				statement.execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_authid WHERE rolname = '" + role
						+ "' AND rolpassword IS NULL) THEN ALTER ROLE " + role + " LOGIN PASSWORD '" + role
						+ "'; END IF; EXCEPTION WHEN OTHERS THEN NULL; END $$");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the app roles on " + postgresAdminUrl, ex);
		}
	}

	private static void startPostgresServer() {
		String external = System.getenv("HERALD_TEST_POSTGRES_URL");
		if (external != null && !external.isBlank()) {
			postgresAdminUrl = external;
			postgresUser = envOr("HERALD_TEST_POSTGRES_USER", "postgres");
			postgresPassword = envOr("HERALD_TEST_POSTGRES_PASSWORD", "");
			// the machine's server outlives the tests: leave it as it was
			Runtime.getRuntime().addShutdownHook(new Thread(TestServers::dropCreatedDatabases));
			return;
		}
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// the JVM is going away anyway
				}
			}));
			// the login goes with each connection, not in the URL, which would override
			// it
			postgresAdminUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
			postgresUser = "postgres";
			postgresPassword = "postgres";
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start embedded PostgreSQL", ex);
		}
	}

	/** Who the app under test connects to PostgreSQL as (decision 0074). */
	public enum DatabaseLogin {

		/** the owner of the schema (tests of the schema itself) */
		OWNER(null),
		/** the API's and the console's role: row-level security applies */
		APP("herald_app"),
		/** the worker's role: across tenants (BYPASSRLS), still no owner */
		WORKER("herald_worker");

		private final String role;

		DatabaseLogin(String role) {
			this.role = role;
		}

		public String role() {
			return this.role;
		}

	}

	private static void startEmbeddedRedis() {
		try {
			embeddedRedis = RedisServer.newRedisServer()
				.port(embeddedRedisPort)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			embeddedRedis.start();
			if (!Boolean.getBoolean("herald.test.redis-hook-installed")) {
				System.setProperty("herald.test.redis-hook-installed", "true");
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						embeddedRedis.stop();
					}
					catch (IOException ex) {
						// the JVM is going away anyway
					}
				}));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start embedded Redis", ex);
		}
	}

	private static String envOr(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
