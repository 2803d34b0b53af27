package io.herald.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky's bundled binaries) whose cluster lives in the data
 * directory, so that it survives restarts. Holds the {@value #DATABASE} database.
 */
final class LocalPostgres implements AutoCloseable {

	static final String DIRECTORY = "postgres";

	static final String DATABASE = "herald";

	static final String USER = "postgres";

	private final EmbeddedPostgres postgres;

	private LocalPostgres(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	static LocalPostgres start(Path dataDir, int port) {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
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
