package io.herald.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Local mode after a crash, with real OS processes: the launcher is killed with SIGKILL,
 * which leaves its PostgreSQL and Redis running, and a second launcher on the same data
 * directory must stop them and start cleanly; a normal stop then leaves nothing behind.
 */
class CrashRecoveryIntegrationTests {

	private static final Duration STARTUP = Duration.ofSeconds(120);

	@TempDir
	Path dataDir;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<Process> launched = new ArrayList<>();

	@AfterEach
	void stopEverything() {
		this.launched.forEach(Process::destroyForcibly);
		serversOf(this.dataDir).forEach(ProcessHandle::destroyForcibly);
	}

	@Test
	void restartAfterKillMinusNineStopsTheLeftoverServersAndNothingOutlivesAStop() throws Exception {
		LocalSettings settings = LocalSettings.defaults().withDataDir(this.dataDir).withFreePorts();

		Process crashed = launch(settings, "first");
		awaitHealthy(settings, crashed);
		List<ProcessHandle> leftovers = serversOf(this.dataDir);
		assertThat(leftovers).extracting(CrashRecoveryIntegrationTests::name)
			.contains("postgres")
			.anyMatch((name) -> name.startsWith("redis-server"));
		crashed.destroyForcibly();
		assertThat(crashed.waitFor(30, TimeUnit.SECONDS)).isTrue();
		// the fault is real: the servers outlive their killed launcher
		assertThat(leftovers).allMatch(ProcessHandle::isAlive);

		Process restarted = launch(settings, "second");
		awaitHealthy(settings, restarted);
		assertThat(leftovers).noneMatch(ProcessHandle::isAlive);
		assertThat(serversOf(this.dataDir)).extracting(CrashRecoveryIntegrationTests::name)
			.contains("postgres")
			.anyMatch((name) -> name.startsWith("redis-server"));

		restarted.destroy();
		assertThat(restarted.waitFor(60, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(30)).until(() -> serversOf(this.dataDir).isEmpty());
	}

	/**
	 * Starts {@code java -cp <test classpath> io.herald.local.HeraldLocal} with the given
	 * settings, its output going to a log file beside the data directory.
	 */
	private Process launch(LocalSettings settings, String name) throws IOException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx1g", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), HeraldLocal.class.getName()));
		command.add("--herald.local.data-dir=" + settings.dataDir());
		command.add("--herald.local.api-port=" + settings.apiPort());
		command.add("--herald.local.console-port=" + settings.consolePort());
		command.add("--herald.local.worker-port=" + settings.workerPort());
		command.add("--herald.local.postgres-port=" + settings.postgresPort());
		command.add("--herald.local.redis-port=" + settings.redisPort());
		command.add("--herald.local.kafka-port=" + settings.kafkaPort());
		command.add("--herald.local.kafka-controller-port=" + settings.kafkaControllerPort());
		Path log = logFile(name);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		this.launched.add(process);
		return process;
	}

	private void awaitHealthy(LocalSettings settings, Process launcher) {
		URI health = URI.create("http://127.0.0.1:" + settings.apiPort() + "/actuator/health");
		await().atMost(STARTUP)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.failFast("the launcher exited, see " + logFile("*"), () -> !launcher.isAlive())
			.until(() -> {
				HttpResponse<String> response = this.http.send(
						HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.ofString());
				return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
			});
	}

	private static Path logFile(String name) {
		return Path.of("target", "crash-recovery-" + name + ".log").toAbsolutePath();
	}

	/**
	 * PostgreSQL postmasters and redis-servers whose command line names the data
	 * directory (the postmaster's {@code -D}, Redis's executable path).
	 */
	static List<ProcessHandle> serversOf(Path dataDir) {
		String dir = dataDir.toAbsolutePath().toString();
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().commandLine().map((line) -> line.contains(dir)).orElse(false))
			.filter((process) -> name(process).equals("postgres") || name(process).startsWith("redis-server"))
			.toList();
	}

	private static String name(ProcessHandle process) {
		Optional<String> command = process.info().command();
		return command.map((path) -> Path.of(path.replace(" (deleted)", "")).getFileName().toString()).orElse("");
	}

}
