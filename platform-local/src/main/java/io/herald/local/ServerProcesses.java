package io.herald.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.herald.local.RunningHerald.Endpoints;
import io.herald.local.process.AppLauncher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Local mode's PostgreSQL, Redis and KRaft Kafka, each an operating-system process of its
 * own (Kafka too, through {@link LocalKafkaMain}), so that a fault-injection suite can
 * stop, pause ({@code SIGSTOP}) and restart them one by one on the same ports and data.
 * Not thread-safe: one caller injects faults.
 */
public final class ServerProcesses implements AutoCloseable {

	private static final Duration KAFKA_START_TIMEOUT = Duration.ofMinutes(6);

	private final LocalSettings settings;

	private final DataDirectory dataDir;

	private final Path redisExecutable;

	private final AppLauncher launcher;

	private LocalPostgres postgres;

	private LocalRedis redis;

	private Process kafka;

	private List<ProcessHandle> paused = List.of();

	private ServerProcesses(LocalSettings settings, DataDirectory dataDir, Path redisExecutable, AppLauncher launcher) {
		this.settings = settings;
		this.dataDir = dataDir;
		this.redisExecutable = redisExecutable;
		this.launcher = launcher;
	}

	/**
	 * Starts the three servers on free ports with their data in {@code dataDir} (wiped
	 * first); Kafka's output goes to {@code <logDir>/kafka.log}.
	 */
	public static ServerProcesses start(Path dataDir, Path logDir) {
		LocalSettings settings = LocalSettings.defaults().withDataDir(dataDir).withClean(true).withFreePorts();
		DataDirectory directory = DataDirectory.open(settings.dataDir(), true);
		ServerProcesses servers = new ServerProcesses(settings, directory,
				RedisBinary.prepare(directory.serverDir(RedisBinary.DIRECTORY)), new AppLauncher(logDir, List.of()));
		try {
			servers.startKafka();
			servers.startPostgres();
			servers.startRedis();
			return servers;
		}
		catch (RuntimeException ex) {
			servers.close();
			throw ex;
		}
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.settings.postgresPort() + "/" + LocalPostgres.DATABASE;
	}

	public String jdbcUser() {
		return LocalPostgres.USER;
	}

	public String redisUrl() {
		return "redis://127.0.0.1:" + this.settings.redisPort();
	}

	public String kafkaBootstrapServers() {
		return "127.0.0.1:" + this.settings.kafkaPort();
	}

	/**
	 * The properties local mode gives {@code app} on {@code port} for these servers.
	 */
	public Map<String, String> appProperties(String app, int port, String operatorUsername, String operatorPassword,
			String cryptoKey) {
		Map<String, String> properties = new LinkedHashMap<>(
				HeraldLocal.sharedProperties(new Endpoints(jdbcUrl(), redisUrl(), kafkaBootstrapServers()),
						operatorUsername, operatorPassword, cryptoKey));
		properties.put("server.port", String.valueOf(port));
		properties.putAll(HeraldLocal.appProperties(LocalAppMain.app(app)));
		return properties;
	}

	public void startPostgres() {
		this.postgres = LocalPostgres.start(this.dataDir.serverDir(LocalPostgres.DIRECTORY),
				this.settings.postgresPort());
	}

	/** {@code pg_ctl stop} (fast: open connections are ended). */
	public void stopPostgres() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.postgres = null;
	}

	/**
	 * {@code SIGSTOP} to the postmaster and every backend: connections stay open and
	 * nothing answers, as with a frozen VM or a long GC pause of the database host.
	 */
	public void pausePostgres() {
		List<ProcessHandle> processes = new ArrayList<>();
		ProcessHandle postmaster = postmaster();
		processes.add(postmaster);
		postmaster.descendants().forEach(processes::add);
		signal("STOP", processes);
		this.paused = List.copyOf(processes);
	}

	/** {@code SIGCONT} to what {@link #pausePostgres()} stopped. */
	public void resumePostgres() {
		signal("CONT", this.paused);
		this.paused = List.of();
	}

	public void startRedis() {
		this.redis = LocalRedis.start(this.redisExecutable, this.dataDir.serverDir(LocalRedis.DIRECTORY),
				this.settings.redisPort());
	}

	public void stopRedis() {
		try {
			this.redis.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.redis = null;
	}

	/** Starts the broker process and waits until it serves Herald's topics. */
	public void startKafka() {
		this.kafka = this.launcher.startMain("kafka", List.of("-Xmx384m", "-XX:+UseG1GC"),
				LocalKafkaMain.class.getName(),
				List.of(this.dataDir.serverDir("kafka").toString(), String.valueOf(this.settings.kafkaPort()),
						String.valueOf(this.settings.kafkaControllerPort())));
		awaitKafka();
	}

	/** SIGTERM to the broker (a controlled shutdown) and wait until it exited. */
	public void stopKafka() {
		if (this.kafka == null) {
			return;
		}
		this.kafka.destroy();
		try {
			if (!this.kafka.waitFor(60, TimeUnit.SECONDS)) {
				this.kafka.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.kafka = null;
	}

	/** The pids of the server processes now, for CPU and memory readings. */
	public Map<String, Long> pids() {
		Map<String, Long> pids = new LinkedHashMap<>();
		if (this.kafka != null) {
			pids.put("kafka", this.kafka.pid());
		}
		if (this.postgres != null) {
			pids.put("postgres", postmaster().pid());
		}
		return pids;
	}

	private ProcessHandle postmaster() {
		Path pidFile = this.dataDir.serverDir(LocalPostgres.DIRECTORY).resolve("postmaster.pid");
		try {
			long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
			return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL is not running (no " + pidFile + ")", ex);
		}
	}

	private static void signal(String signal, List<ProcessHandle> processes) {
		if (processes.isEmpty()) {
			return;
		}
		List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
		processes.forEach((process) -> command.add(String.valueOf(process.pid())));
		try {
			Process kill = new ProcessBuilder(command).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException(
						"kill -" + signal + " failed for " + command.subList(2, command.size()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private void awaitKafka() {
		long deadline = System.nanoTime() + KAFKA_START_TIMEOUT.toNanos();
		// an admin client would log a warning per failed connection while the broker
		// boots
		while (!listening(this.settings.kafkaPort()) && System.nanoTime() < deadline) {
			if (!this.kafka.isAlive()) {
				throw new IllegalStateException("The Kafka process exited with " + this.kafka.exitValue() + "; see "
						+ this.launcher.logDir().resolve("kafka.log"));
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
			}
		}
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				5_000))) {
			while (System.nanoTime() < deadline) {
				if (!this.kafka.isAlive()) {
					throw new IllegalStateException("The Kafka process exited with " + this.kafka.exitValue() + "; see "
							+ this.launcher.logDir().resolve("kafka.log"));
				}
				try {
					if (admin.listTopics().names().get(5, TimeUnit.SECONDS).containsAll(EmbeddedServers.TOPICS)) {
						return;
					}
				}
				catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
					// not up yet
				}
				Thread.sleep(250);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
		}
		throw new IllegalStateException("Kafka did not serve Herald's topics within " + KAFKA_START_TIMEOUT);
	}

	private static boolean listening(int port) {
		try (java.net.Socket socket = new java.net.Socket()) {
			socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1_000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		if (!this.paused.isEmpty()) {
			resumePostgres();
		}
		List<AutoCloseable> steps = List.of(this::stopKafka, () -> {
			if (this.redis != null) {
				stopRedis();
			}
		}, () -> {
			if (this.postgres != null) {
				stopPostgres();
			}
		}, this.dataDir);
		for (AutoCloseable step : steps) {
			try {
				step.close();
			}
			catch (Exception ex) {
				System.err.println("Stopping a server failed: " + ex);
			}
		}
	}

}
