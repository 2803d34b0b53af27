package io.herald.core.startup;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Starts a Herald app and, when the start fails because PostgreSQL is away (refused,
 * shutting down, not yet accepting connections), starts it again until the database is
 * back or {@code herald.startup.database-patience} (default 5 minutes, {@code 0} = fail
 * at once) has passed. Any other failure (a missing key, a bad property) ends the start
 * at once, as before.
 *
 * <p>
 * A running app already rides out an outage (intake pauses, recording waits); this closes
 * the gap at start, where Liquibase, Hibernate's metadata and schema validation need the
 * database: without it an app restarted during an outage exits and stays down unless a
 * supervisor starts it again (decision 0089). The patience is read from the command line,
 * system properties and the environment ({@code HERALD_STARTUP_DATABASE_PATIENCE}), not
 * from the app's configuration files, because it applies before they are loaded.
 */
public final class PatientStartup {

	/** The property naming how long a start waits for the database. */
	public static final String PATIENCE_PROPERTY = "herald.startup.database-patience";

	static final Duration DEFAULT_PATIENCE = Duration.ofMinutes(5);

	private static final Log logger = LogFactory.getLog(PatientStartup.class);

	private PatientStartup() {
	}

	/**
	 * Runs a fresh application from {@code builder} with {@code args}, again while the
	 * database is unavailable and patience lasts.
	 */
	public static ConfigurableApplicationContext run(String appName, Supplier<SpringApplicationBuilder> builder,
			String... args) {
		return run(appName, builder, patience(args), Duration.ofSeconds(5), args);
	}

	/**
	 * As {@link #run(String, Supplier, String...)} with the patience and the pause
	 * between attempts given.
	 */
	public static ConfigurableApplicationContext run(String appName, Supplier<SpringApplicationBuilder> builder,
			Duration patience, Duration pause, String... args) {
		long deadline = System.nanoTime() + patience.toNanos();
		int attempt = 1;
		while (true) {
			try {
				return builder.get().run(args);
			}
			catch (RuntimeException ex) {
				boolean databaseAway = isDatabaseUnavailable(ex);
				if (!databaseAway || System.nanoTime() + pause.toNanos() > deadline) {
					if (databaseAway) {
						logger.error("Herald " + appName + " gives up: PostgreSQL still unavailable after " + attempt
								+ " attempt(s) within " + PATIENCE_PROPERTY + "=" + patience);
					}
					throw ex;
				}
				logger.warn("Herald " + appName + " could not start because PostgreSQL is unavailable ("
						+ databaseCause(ex) + "); starting again in " + pause.toSeconds() + " s (attempt "
						+ (attempt + 1) + ", " + PATIENCE_PROPERTY + "=" + patience + ")");
				sleep(pause);
				attempt++;
			}
		}
	}

	/** The configured patience: command line, then system properties and environment. */
	static Duration patience(String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		ConfigurationPropertySources.attach(environment);
		return Binder.get(environment).bind(PATIENCE_PROPERTY, Duration.class).orElse(DEFAULT_PATIENCE);
	}

	/**
	 * Whether {@code failure} comes from PostgreSQL being unreachable or refusing
	 * connections for now: a connection error ({@code 08xxx}), a server shutting down or
	 * starting ({@code 57P01}–{@code 57P03}), a refused socket, or Hibernate unable to
	 * read the server's metadata for the same reason.
	 */
	static boolean isDatabaseUnavailable(Throwable failure) {
		return databaseCause(failure) != null;
	}

	private static String databaseCause(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
				return "SQLState " + sql.getSQLState() + ": " + firstLine(sql.getMessage());
			}
			if (cause instanceof ConnectException) {
				return firstLine(cause.getMessage());
			}
			// Hibernate reads the dialect from the server's metadata and gives up without
			// keeping the connection error as a cause
			if (cause.getClass().getName().startsWith("org.hibernate.") && cause.getMessage() != null
					&& cause.getMessage().startsWith("Unable to determine Dialect without JDBC metadata")) {
				return "no JDBC metadata for Hibernate";
			}
		}
		return null;
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "";
		}
		int newline = message.indexOf('\n');
		return (newline < 0) ? message : message.substring(0, newline);
	}

	private static void sleep(Duration pause) {
		try {
			Thread.sleep(pause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for PostgreSQL", ex);
		}
	}

}
