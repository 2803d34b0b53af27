package io.herald.local.invariants;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.herald.local.LocalSettings;
import io.herald.local.ServerProcesses;
import io.herald.local.process.AppLauncher;
import io.herald.local.process.AppProcess;

/**
 * What the suite runs and breaks: PostgreSQL, Redis and Kafka as processes of their own,
 * one API and two worker processes. Implements the faults' actions.
 */
final class InvariantStack implements Fault.Injector, AutoCloseable {

	static final int WORKERS = 2;

	/** Sends in flight per worker at most ({@code herald.delivery.concurrency}). */
	static final int WORKER_CONCURRENCY = 32;

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(10);

	private final ServerProcesses servers;

	private final List<AppProcess> workers;

	private final AppProcess api;

	private final String operatorPassword;

	private final FaultReceiver receiver;

	private final AtomicInteger crashes = new AtomicInteger();

	private InvariantStack(ServerProcesses servers, List<AppProcess> workers, AppProcess api, String operatorPassword,
			FaultReceiver receiver) {
		this.servers = servers;
		this.workers = workers;
		this.api = api;
		this.operatorPassword = operatorPassword;
		this.receiver = receiver;
	}

	static InvariantStack start(InvariantOptions options, Path workDir, FaultReceiver receiver) {
		Path logDir = workDir.resolve("logs");
		System.out
			.println("Starting PostgreSQL, Redis and Kafka as processes of their own, logs in " + logDir + " ...");
		ServerProcesses servers = ServerProcesses.start(workDir.resolve("data"), logDir);
		String operatorPassword = secret(18);
		String cryptoKey = Base64.getEncoder().encodeToString(bytes(32));
		AppLauncher launcher = new AppLauncher(logDir, List.of("-Xmx" + options.appHeap(), "-XX:+UseG1GC"));
		List<AppProcess> workers = new ArrayList<>();
		AppProcess api = null;
		try {
			System.out.println("Starting the API and " + WORKERS + " worker processes ...");
			for (int index = 1; index <= WORKERS; index++) {
				Map<String, String> properties = new LinkedHashMap<>(
						servers.appProperties("worker", freePort(), "operator", operatorPassword, cryptoKey));
				properties.putAll(workerProperties());
				workers.add(launcher.start("worker-" + index, "worker", properties));
				if (index == 1) {
					// the first app applies the Liquibase changelog alone
					workers.get(0).awaitHealthy(STARTUP_TIMEOUT);
				}
			}
			api = launcher.start("api", "api",
					servers.appProperties("api", freePort(), "operator", operatorPassword, cryptoKey));
			api.awaitHealthy(STARTUP_TIMEOUT);
			workers.get(1).awaitHealthy(STARTUP_TIMEOUT);
		}
		catch (RuntimeException ex) {
			workers.forEach(AppProcess::close);
			if (api != null) {
				api.close();
			}
			servers.close();
			throw ex;
		}
		return new InvariantStack(servers, workers, api, operatorPassword, receiver);
	}

	/**
	 * Compressed for the suite: 13 attempts a second or two apart (30 % failures make a
	 * lost row at 0.3^13), a send deadline the receiver's slow answers exceed, a lease a
	 * killed worker's rows come back after.
	 */
	static Map<String, String> workerProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("herald.delivery.retry-schedule", "1s,1s,1s,1s,2s,2s,2s,2s,2s,2s,2s,2s");
		properties.put("herald.delivery.lease", "30s");
		properties.put("herald.delivery.concurrency", String.valueOf(WORKER_CONCURRENCY));
		properties.put("herald.webhook.read-timeout", "2s");
		properties.put("herald.webhook.send-deadline", "3s");
		return properties;
	}

	String apiUrl() {
		return this.api.baseUrl();
	}

	String operatorPassword() {
		return this.operatorPassword;
	}

	String jdbcUrl() {
		return this.servers.jdbcUrl();
	}

	String jdbcUser() {
		return this.servers.jdbcUser();
	}

	String kafkaBootstrapServers() {
		return this.servers.kafkaBootstrapServers();
	}

	int crashes() {
		return this.crashes.get();
	}

	@Override
	public void killWorker(int index) {
		this.workers.get(index).kill();
		this.crashes.incrementAndGet();
	}

	/**
	 * Starts the worker's process again and returns at once: the suite goes on while it
	 * boots (on a loaded machine that takes minutes), as a restarted pod would.
	 */
	@Override
	public void restartWorker(int index) {
		AppProcess restarted = this.workers.get(index).restart();
		this.workers.set(index, restarted);
		Thread.ofVirtual().start(() -> {
			try {
				restarted.awaitHealthy(STARTUP_TIMEOUT);
				System.out.println("== " + restarted.name() + " is healthy again");
			}
			catch (RuntimeException ex) {
				System.out.println("== " + restarted.name() + " did not become healthy: " + ex.getMessage());
			}
		});
	}

	@Override
	public void stopRedis() {
		this.servers.stopRedis();
	}

	@Override
	public void startRedis() {
		this.servers.startRedis();
	}

	@Override
	public void pausePostgres() {
		this.servers.pausePostgres();
	}

	@Override
	public void resumePostgres() {
		this.servers.resumePostgres();
	}

	@Override
	public void stopPostgres() {
		this.servers.stopPostgres();
	}

	@Override
	public void startPostgres() {
		this.servers.startPostgres();
	}

	@Override
	public void receiverFlaky(boolean flaky) {
		this.receiver.flaky(flaky);
	}

	@Override
	public void stopKafka() {
		this.servers.stopKafka();
	}

	@Override
	public void startKafka() {
		this.servers.startKafka();
	}

	/** Whether every app process still runs (none died of a fault). */
	List<String> deadApps() {
		List<String> dead = new ArrayList<>();
		for (AppProcess app : this.workers) {
			if (!app.isAlive()) {
				dead.add(app.name());
			}
		}
		if (!this.api.isAlive()) {
			dead.add(this.api.name());
		}
		return dead;
	}

	@Override
	public void close() {
		this.workers.forEach(AppProcess::close);
		this.api.close();
		this.servers.close();
	}

	private static int freePort() {
		return LocalSettings.defaults().withFreePorts().workerPort();
	}

	private static String secret(int count) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(count));
	}

	private static byte[] bytes(int count) {
		byte[] bytes = new byte[count];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

}
