package io.herald.local.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;

import org.springframework.util.FileSystemUtils;

/**
 * {@code java -jar herald-local.jar bench [--option=value ...]}: Herald's benchmark.
 * Starts (or connects to) the servers and the apps, runs each scenario through each
 * ingest mode, measures the raw floor of the same servers, and writes a Markdown report
 * to {@code --out} and standard output. Returns 0 when every notification arrived exactly
 * once, 1 when one was lost or duplicated (or an event was rejected), 2 for bad options
 * or a failure to start.
 */
public final class BenchCommand {

	private BenchCommand() {
	}

	/** Runs the command; returns the process exit code. */
	public static int run(List<String> args) {
		if (args.contains("--help")) {
			System.out.println(BenchOptions.USAGE);
			return 0;
		}
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println();
			System.err.println(BenchOptions.USAGE);
			return 2;
		}
		try {
			return execute(options).passed() ? 0 : 1;
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("The benchmark failed: " + ex);
			ex.printStackTrace();
			return 2;
		}
	}

	/** What a bench run produced. */
	record Outcome(List<RunResult> runs, List<RawFloor.Part> floor, String report, Path reportFile) {

		boolean passed() {
			return this.runs.stream().allMatch(RunResult::passed);
		}

	}

	static Outcome execute(BenchOptions options) throws IOException {
		Instant startedAt = Instant.now();
		String loadBefore = MachineLoad.loadAverage();
		List<String> skipped = new ArrayList<>();
		List<Scenario> scenarios = new ArrayList<>();
		for (Scenario scenario : options.scenarios()) {
			if (scenario.unavailableReason() != null) {
				skip(skipped, "scenario " + scenario.label() + ": " + scenario.unavailableReason());
			}
			else {
				scenarios.add(scenario);
			}
		}
		List<Ingest> ingests = new ArrayList<>();
		for (Ingest ingest : options.ingests()) {
			if (ingest.unavailableReason() != null) {
				skip(skipped, "ingest " + ingest.label() + ": unavailable, " + ingest.unavailableReason());
			}
			else {
				ingests.add(ingest);
			}
		}
		Path workDir = (options.workDir() != null) ? Files.createDirectories(options.workDir())
				: Files.createTempDirectory("herald-bench");
		List<RunResult> runs = new ArrayList<>();
		List<RawFloor.Part> floor = List.of();
		String report;
		if (options.pgStatements() && options.external() == null) {
			PostgresStatements.loadWithEmbeddedServer();
		}
		try (HttpClient http = HttpClient.newBuilder()
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.connectTimeout(Duration.ofSeconds(5))
			.build(); Receiver receiver = Receiver.start(); BenchStack stack = BenchStack.start(options, workDir)) {
			String history = (options.history() > 0) ? new HistoryFill(stack, http).fill(options.history(), receiver)
					: "none (empty tables apart from the runs' own rows)";
			Monitor monitor = Monitor.of(stack);
			BenchRun bench = new BenchRun(options, stack, receiver, monitor, http);
			String runPrefix = "r" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
			for (Scenario scenario : scenarios) {
				for (Ingest ingest : ingests) {
					String runTag = (runPrefix + (runs.size() + 1)).toLowerCase(Locale.ROOT);
					RunResult result = bench.run(scenario, ingest, runTag);
					System.out.printf("[%s] %,.0f events/s, p99 %.1f ms, lost %d, duplicated %d%n", result.label(),
							result.eventsPerSecond(), Tracker.percentileMillis(result.latencies(), 99), result.lost(),
							result.duplicated());
					runs.add(result);
				}
			}
			if (options.floor()) {
				stack.stopApps();
				long notifications = runs.stream().mapToLong(RunResult::notifications).max().orElse(0);
				floor = RawFloor.measure(stack, receiver, http,
						(int) Math.max(10_000, Math.min(notifications, 500_000)));
			}
			report = BenchReport.markdown(options, stack, startedAt, loadBefore, history, runs, floor, skipped);
		}
		finally {
			// after the servers stopped (the resources close first)
			if (options.workDir() == null) {
				discardServerData(workDir);
			}
		}
		System.out.println();
		System.out.println(report);
		Path out = options.out().toAbsolutePath();
		if (out.getParent() != null) {
			Files.createDirectories(out.getParent());
		}
		Files.writeString(out, report);
		System.out.println("Report written to " + out + "; app logs in " + workDir.resolve(BenchStack.LOGS_DIR)
				+ ((options.workDir() == null) ? " (the servers' data was deleted; --work-dir keeps it)" : ""));
		return new Outcome(List.copyOf(runs), floor, report, out);
	}

	/**
	 * Deletes the servers' data (PostgreSQL, Kafka, Redis: gigabytes after a long run) of
	 * a work directory the bench created for itself, keeping the app logs the report
	 * points to.
	 */
	static void discardServerData(Path workDir) {
		try {
			FileSystemUtils.deleteRecursively(workDir.resolve(BenchStack.DATA_DIR));
		}
		catch (IOException ex) {
			System.out.println("Could not delete the servers' data in " + workDir + ": " + ex.getMessage());
		}
	}

	private static void skip(List<String> skipped, String line) {
		System.out.println("Skipping " + line);
		skipped.add(line);
	}

}
