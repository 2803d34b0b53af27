package io.herald.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's bundled binaries) whose cluster lives in the data
 * directory, so that it survives restarts. Holds the {@value #DATABASE} database.
 */
public final class LocalPostgres implements AutoCloseable {

	static final String DIRECTORY = "postgres";

	static final String DATABASE = "herald";

	static final String USER = "postgres";

	/**
	 * System property: when {@code true} the server loads {@code pg_stat_statements}, so
	 * that a profile can say which statements cost PostgreSQL its CPU
	 * ({@code CREATE EXTENSION pg_stat_statements}, then read the view).
	 */
	public static final String STAT_STATEMENTS = "herald.local.postgres.stat-statements";

	/**
	 * System property: milliseconds; statements (also those run by triggers, such as
	 * foreign-key checks) that take longer are logged with their executed plan and
	 * buffers ({@code auto_explain}) in the data directory's {@code log} folder.
	 */
	static final String AUTO_EXPLAIN = "herald.local.postgres.auto-explain-ms";

	/**
	 * System property: the fraction of statements {@link #AUTO_EXPLAIN} considers (1 =
	 * all); with a threshold of 0 a small sample shows the plans of the hot path.
	 */
	static final String AUTO_EXPLAIN_SAMPLE = "herald.local.postgres.auto-explain-sample";

	/**
	 * System property: {@code false} runs the server as zonky's launcher starts it, with
	 * {@code fsync} and {@code synchronous_commit} off (a commit returns before its WAL
	 * is on disk, and a crash of the machine can corrupt the cluster). Unset, the local
	 * stack keeps what it commits, as deploy/'s server does (decision 0113);
	 * {@code false} is there to measure what that costs.
	 */
	static final String DURABLE = "herald.local.postgres.durable";

	/**
	 * System property: more server settings, {@code name=value} separated by commas (e.g.
	 * {@code shared_buffers=1GB,max_wal_size=4GB}), applied after Herald's own, to
	 * measure what a setting changes (docs/benchmarks.md, "Profiling PostgreSQL").
	 */
	static final String SERVER_CONFIG = "herald.local.postgres.server-config";

	private final EmbeddedPostgres postgres;

	private LocalPostgres(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	static LocalPostgres start(Path dataDir, int port) {
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
			// the outbox is a queue: vacuum it often (decision 0092, as deploy/ sets it)
			builder.setServerConfig("autovacuum_naptime", "10s");
			if (Boolean.parseBoolean(System.getProperty(DURABLE, "true"))) {
				// zonky starts the server with fsync and synchronous_commit off
				builder.setServerConfig("fsync", "on");
				builder.setServerConfig("synchronous_commit", "on");
			}
			profiling(builder);
			serverConfig(System.getProperty(SERVER_CONFIG, "")).forEach(builder::setServerConfig);
			EmbeddedPostgres postgres = builder.setDataDirectory(dataDir)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setPort(port)
				.start();
			LocalPostgres local = new LocalPostgres(postgres);
			local.createDatabaseIfMissing();
			return local;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start PostgreSQL on port " + port + " with data in " + dataDir, ex);
		}
	}

	/**
	 * The settings of {@link #SERVER_CONFIG}, in their order.
	 * @throws IllegalArgumentException for an entry that is not {@code name=value}
	 */
	static Map<String, String> serverConfig(String settings) {
		Map<String, String> config = new LinkedHashMap<>();
		for (String setting : settings.split(",")) {
			if (setting.isBlank()) {
				continue;
			}
			String[] pair = setting.split("=", 2);
			String name = pair[0].strip();
			String value = (pair.length == 2) ? pair[1].strip() : "";
			if (!name.matches("[a-z_.]+") || value.isEmpty()) {
				throw new IllegalArgumentException(SERVER_CONFIG + ": '" + setting.strip()
						+ "' is not name=value (settings separated by commas, e.g. shared_buffers=1GB,max_wal_size=4GB)");
			}
			config.put(name, value);
		}
		return config;
	}

	/** The profiling aids the system properties ask for (docs/benchmarks.md). */
	private static void profiling(EmbeddedPostgres.Builder builder) {
		List<String> libraries = new ArrayList<>();
		if (Boolean.getBoolean(STAT_STATEMENTS)) {
			libraries.add("pg_stat_statements");
			builder.setServerConfig("pg_stat_statements.track_planning", "on");
		}
		String explainOver = System.getProperty(AUTO_EXPLAIN);
		if (explainOver != null) {
			libraries.add("auto_explain");
			builder.setServerConfig("auto_explain.log_min_duration", explainOver);
			builder.setServerConfig("auto_explain.sample_rate", System.getProperty(AUTO_EXPLAIN_SAMPLE, "1"));
			builder.setServerConfig("auto_explain.log_analyze", "on");
			builder.setServerConfig("auto_explain.log_buffers", "on");
			builder.setServerConfig("auto_explain.log_triggers", "on");
			builder.setServerConfig("auto_explain.log_nested_statements", "on");
			builder.setServerConfig("logging_collector", "on");
		}
		if (!libraries.isEmpty()) {
			builder.setServerConfig("shared_preload_libraries", String.join(",", libraries));
		}
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.postgres.getPort() + "/" + DATABASE;
	}

	private void createDatabaseIfMissing() {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, DATABASE);
			try (ResultSet rows = exists.executeQuery()) {
				if (rows.next()) {
					return;
				}
			}
			try (Statement create = connection.createStatement()) {
				create.execute("CREATE DATABASE " + DATABASE);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the " + DATABASE + " database", ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

}
