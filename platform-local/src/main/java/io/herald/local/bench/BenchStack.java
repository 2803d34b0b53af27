package io.herald.local.bench;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.herald.local.LocalServers;
import io.herald.local.LocalSettings;
import io.herald.local.process.AppLauncher;
import io.herald.local.process.AppProcess;

/**
 * What the bench runs against: the servers (embedded in this JVM, or external) and the
 * apps (one API and {@code workers} worker processes started here, or an external API).
 */
final class BenchStack implements AutoCloseable {

	/** The servers' data inside the work directory. */
	static final String DATA_DIR = "data";

	/** The app processes' logs inside the work directory. */
	static final String LOGS_DIR = "logs";

	private final LocalServers servers;

	private final List<AppProcess> apps;

	private final String apiUrl;

	private final String operatorUser;

	private final String operatorPassword;

	private final String jdbcUser;

	private final String jdbcPassword;

	private final Path dataDir;

	/** Stops the apps and servers when the bench is interrupted (Ctrl-C, SIGTERM). */
	private final Thread shutdownHook = new Thread(this::close, "herald-bench-shutdown");

	private boolean closed;

	private BenchStack(LocalServers servers, List<AppProcess> apps, String apiUrl, String operatorUser,
			String operatorPassword, String jdbcUser, String jdbcPassword, Path dataDir) {
		this.dataDir = dataDir;
		this.servers = servers;
		this.apps = apps;
		this.apiUrl = apiUrl;
		this.operatorUser = operatorUser;
		this.operatorPassword = operatorPassword;
		this.jdbcUser = jdbcUser;
		this.jdbcPassword = jdbcPassword;
	}

	static BenchStack start(BenchOptions options, Path workDir) {
		BenchOptions.External external = options.external();
		if (external != null && external.apps()) {
			return new BenchStack(LocalServers.external(external.jdbcUrl(), external.redisUrl(), external.kafka()),
					List.of(), external.apiUrl(), external.operatorUser(), external.operatorPassword(),
					external.jdbcUser(), external.jdbcPassword(), null);
		}
		LocalSettings settings = LocalSettings.defaults()
			.withDataDir(workDir.resolve(DATA_DIR))
			.withClean(true)
			.withFreePorts();
		LocalServers servers;
		String jdbcUser;
		String jdbcPassword;
		if (external != null) {
			servers = LocalServers.external(external.jdbcUrl(), external.redisUrl(), external.kafka());
			jdbcUser = external.jdbcUser();
			jdbcPassword = external.jdbcPassword();
		}
		else {
			System.out.println("Starting embedded Kafka, PostgreSQL and Redis ...");
			servers = LocalServers.startEmbedded(settings);
			jdbcUser = servers.jdbcUser();
			jdbcPassword = "";
		}
		String operatorPassword = randomSecret(18);
		String cryptoKey = Base64.getEncoder().encodeToString(randomBytes(32));
		AppLauncher launcher = new AppLauncher(workDir.resolve(LOGS_DIR), options.appJvm());
		AppLauncher workerLauncher = new AppLauncher(launcher.logDir(), jvmOptions(launcher, options, "worker"));
		AppLauncher apiLauncher = new AppLauncher(launcher.logDir(), jvmOptions(launcher, options, "api"));
		Duration startupTimeout = options.startupTimeout();
		List<AppProcess> apps = new ArrayList<>();
		try {
			System.out.println("Starting the API and " + options.workers() + " worker process(es), logs in "
					+ launcher.logDir() + " ...");
			// the first app applies the Liquibase changelog; two apps migrating an empty
			// database at once both try to create Liquibase's own tables
			for (int index = 1; index <= options.workers(); index++) {
				int port = (index == 1) ? settings.workerPort() : LocalSettings.defaults().withFreePorts().workerPort();
				apps.add(workerLauncher.start("worker-" + index, "worker",
						withDatabaseLogin(
								servers.appProperties("worker", port, "operator", operatorPassword, cryptoKey),
								jdbcUser, jdbcPassword)));
				if (index == 1) {
					apps.get(0).awaitHealthy(startupTimeout);
				}
			}
			apps.add(apiLauncher.start("api", "api",
					withDatabaseLogin(
							servers.appProperties("api", settings.apiPort(), "operator", operatorPassword, cryptoKey),
							jdbcUser, jdbcPassword)));
			CompletableFuture
				.allOf(apps.stream()
					.map((app) -> CompletableFuture.runAsync(() -> app.awaitHealthy(startupTimeout)))
					.toArray(CompletableFuture[]::new))
				.join();
		}
		catch (RuntimeException ex) {
			apps.forEach(AppProcess::close);
			servers.close();
			throw ex;
		}
		BenchStack stack = new BenchStack(servers, List.copyOf(apps), "http://127.0.0.1:" + settings.apiPort(),
				"operator", operatorPassword, jdbcUser, jdbcPassword, settings.dataDir());
		Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
		return stack;
	}

	/**
	 * An app's JVM options: the launcher's, plus a JFR recording of the process when
	 * {@code --jfr} is given, named {@code <app>-<pid>.jfr} (the process id, {@code %p},
	 * since every worker gets the same options).
	 */
	private static List<String> jvmOptions(AppLauncher launcher, BenchOptions options, String app) {
		List<String> jvmOptions = new ArrayList<>(launcher.jvmOptions());
		if (options.jfr() != null) {
			try {
				java.nio.file.Files.createDirectories(options.jfr());
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException("Cannot create " + options.jfr(), ex);
			}
			jvmOptions.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
					+ options.jfr().toAbsolutePath().resolve(app + "-%p.jfr"));
			jvmOptions.add("-XX:FlightRecorderOptions=stackdepth=128");
		}
		return jvmOptions;
	}

	private static java.util.Map<String, String> withDatabaseLogin(java.util.Map<String, String> properties,
			String user, String password) {
		// the owner migrates; the apps keep their roles (herald_app, herald_worker)
		properties.put("spring.liquibase.user", user);
		properties.put("spring.liquibase.password", password);
		return properties;
	}

	LocalServers servers() {
		return this.servers;
	}

	List<AppProcess> apps() {
		return this.apps;
	}

	String apiUrl() {
		return this.apiUrl;
	}

	String operatorUser() {
		return this.operatorUser;
	}

	String operatorPassword() {
		return this.operatorPassword;
	}

	String jdbcUser() {
		return this.jdbcUser;
	}

	String jdbcPassword() {
		return this.jdbcPassword;
	}

	/** A new connection to the servers' database, as the bench's database user. */
	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.servers.jdbcUrl(), this.jdbcUser, this.jdbcPassword);
	}

	/**
	 * The PostgreSQL server as the figures depend on it: its version and whether a commit
	 * waits for its WAL to reach the disk ({@code synchronous_commit}, {@code fsync}).
	 */
	String postgresServer() {
		try (Connection db = connect();
				Statement statement = db.createStatement();
				ResultSet row = statement.executeQuery("SELECT current_setting('server_version'),"
						+ " current_setting('synchronous_commit'), current_setting('fsync')")) {
			row.next();
			return "PostgreSQL %s, synchronous_commit %s, fsync %s".formatted(row.getString(1), row.getString(2),
					row.getString(3));
		}
		catch (SQLException ex) {
			return "PostgreSQL (settings unreadable: " + ex.getMessage().lines().findFirst().orElse("") + ")";
		}
	}

	/**
	 * A PostgreSQL {@code CHECKPOINT}, at the end of a warm-up: the server then recycles
	 * the WAL segments the warm-up filled, so that the measured window writes into those,
	 * as a server that has been running does. A freshly started cluster has none: every
	 * 16 MB of WAL, the commit that crosses into a new segment creates and zero-fills it
	 * and waits for its disk (40–110 ms on the machine measured, every 3.3 s at 1,000
	 * events/s; decision 0116).
	 * @return how long it took, or why it failed (e.g. a user of an external server
	 * without the {@code pg_checkpoint} role)
	 */
	String checkpoint() {
		long start = System.nanoTime();
		try (Connection db = connect(); Statement statement = db.createStatement()) {
			statement.execute("CHECKPOINT");
			return "CHECKPOINT in %.1f s".formatted((System.nanoTime() - start) / 1e9);
		}
		catch (SQLException ex) {
			return "CHECKPOINT failed (" + ex.getMessage().lines().findFirst().orElse("") + ")";
		}
	}

	/** The embedded servers' data directory; null for external servers. */
	Path dataDir() {
		return this.dataDir;
	}

	boolean embeddedServers() {
		return !this.servers.isExternal();
	}

	/** Stops the app processes (SIGTERM), e.g. before the floor is measured. */
	void stopApps() {
		this.apps.forEach(AppProcess::close);
	}

	/** Stops the apps, then the servers; safe to call twice. */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (Thread.currentThread() != this.shutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// the JVM is already shutting down: the hook closes the stack too
			}
		}
		stopApps();
		this.servers.close();
	}

	private static String randomSecret(int bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

}
