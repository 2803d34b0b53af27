package io.herald.local.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import io.herald.local.bench.Monitor.Usage;
import io.herald.local.bench.RawFloor.Part;

/**
 * The bench's Markdown report: setup, one row per run, CPU and memory per process, the
 * raw floor and Herald's figure as a fraction of its lowest part, lost and duplicated
 * counts, and what could not run.
 */
final class BenchReport {

	private static final int SLOWEST_SECONDS = 5;

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

	private BenchReport() {
	}

	static String markdown(BenchOptions options, BenchStack stack, Instant startedAt, String loadBefore, String history,
			List<RunResult> runs, List<Part> floor, List<String> skipped) {
		StringBuilder md = new StringBuilder();
		md.append("# Herald benchmark, ").append(startedAt.truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
		setup(md, options, stack, loadBefore, history);
		results(md, runs, options.warmupJit());
		overTime(md, runs);
		stages(md, runs);
		usage(md, runs);
		statements(md, runs);
		floor(md, runs, floor);
		verdict(md, runs, skipped);
		return md.toString();
	}

	private static void setup(StringBuilder md, BenchOptions options, BenchStack stack, String loadBefore,
			String history) {
		md.append("## Setup\n\n");
		md.append("| | |\n|---|---|\n");
		md.append("| machine | ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, ")
			.append(System.getProperty("os.name"))
			.append(' ')
			.append(System.getProperty("os.version"))
			.append(", load average before the run ")
			.append(loadBefore)
			.append(" |\n");
		md.append("| Java | ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.version"))
			.append(" |\n");
		md.append("| servers | ")
			.append(stack.embeddedServers()
					? "embedded in the bench JVM: KRaft Kafka (3 partitions), PostgreSQL and Redis (own processes)"
					: "external: Kafka " + stack.servers().kafkaBootstrapServers() + ", " + stack.servers().jdbcUrl()
							+ ", " + stack.servers().redisUrl())
			.append("; ")
			.append(stack.postgresServer())
			.append(" |\n");
		md.append("| apps | ")
			.append(stack.apps().isEmpty() ? "external API " + stack.apiUrl()
					: stack.apps().size() - 1 + " worker process(es) + 1 API process, "
							+ String.join(" ", options.appJvm()))
			.append(" |\n");
		md.append("| load | ")
			.append("%,d events per run after a warm-up%s%s, ".formatted(options.events(),
					(options.rate() > 0 && options.warmup() > 0) ? " at the same rate" : "",
					(options.warmup() == 0) ? " of none" : (options.warmupJit() == 0)
							? " of %,d events".formatted(options.warmup())
							: " in rounds of %,d events until no JVM's JIT compiled more than %d %% of a core (at most %d s; per run below)"
								.formatted(options.warmup(), options.warmupJit(), options.warmupMax().toSeconds())))
			.append((options.rate() > 0) ? "open loop at %,d events/s (latency from each event's scheduled send time)"
				.formatted(options.rate()) : "as fast as possible (latency from each send)")
			.append(" |\n");
		md.append("| history | ").append(history).append(" |\n");
		md.append("| receiver | JDK HttpServer on 127.0.0.1 in the bench JVM, answers 204 |\n\n");
	}

	private static void results(StringBuilder md, List<RunResult> runs, int warmupJit) {
		md.append("## Results\n\n");
		md.append("| scenario / ingest | events | notifications | offered events/s | events/s | notifications/s "
				+ "| p50 ms | p95 ms | p99 ms | max ms | lost | duplicated | rejected |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (RunResult run : runs) {
			md.append("| %s | %,d | %,d | %s | %,.0f | %,.0f | %s | %s | %s | %s | %d | %d | %d |\n".formatted(
					run.label(), run.events(), run.notifications(),
					(run.offeredRate() > 0) ? "%,d".formatted(run.offeredRate()) : "max", run.eventsPerSecond(),
					run.notificationsPerSecond(), ms(run.latencies(), 50), ms(run.latencies(), 95),
					ms(run.latencies(), 99), ms(run.latencies(), 100), run.lost(), run.duplicated(), run.rejected()));
		}
		md.append('\n');
		for (RunResult run : runs) {
			md.append("%s: accept latency (%s) p50 %s ms, p99 %s ms, max %s ms.\n".formatted(run.label(),
					(run.ingest() == Ingest.KAFKA) ? "send to the broker's ack" : "request to the API's answer",
					ms(run.acceptLatencies(), 50), ms(run.acceptLatencies(), 99), ms(run.acceptLatencies(), 100)));
		}
		md.append('\n');
		for (RunResult run : runs) {
			md.append("%s: %s.\n".formatted(run.label(), run.warmup().summary(warmupJit)));
		}
		for (RunResult run : runs) {
			if (run.replay() != null) {
				md.append("\n%s: %s; live events meanwhile p50 %s ms, p99 %s ms (compare with a run without the job).\n"
					.formatted(run.label(), run.replay(), ms(run.latencies(), 50), ms(run.latencies(), 99)));
			}
			if (run.quietLatencies() != null) {
				md.append("\n%s: quiet tenants p50 %s ms, p99 %s ms; noisy tenant p50 %s ms, p99 %s ms.\n".formatted(
						run.label(), ms(run.quietLatencies(), 50), ms(run.quietLatencies(), 99),
						ms(run.noisyLatencies(), 50), ms(run.noisyLatencies(), 99)));
			}
		}
		md.append("\nevents/s and notifications/s count from the first scheduled send to the last first delivery.\n\n");
	}

	private static void stages(StringBuilder md, List<RunResult> runs) {
		if (runs.stream().noneMatch((run) -> run.stages() != null)) {
			return;
		}
		md.append("## Where the latency goes\n\n");
		md.append("From the timestamps Herald records for each notification's first attempt (one clock): "
				+ "the event's `time` (stamped by the bench when it produces to Kafka; REST events carry none), "
				+ "the worker's `received_at` (its batch's fan-out start, after the poll and the dedupe), "
				+ "the attempt's `started_at` and `latency_ms`. p50 / p95 / p99 in ms.\n\n");
		md.append("| run | first attempts | publish → fan-out start | fan-out start → send start | send |\n");
		md.append("|---|---|---|---|---|\n");
		for (RunResult run : runs) {
			LatencyStages stages = run.stages();
			if (stages == null) {
				continue;
			}
			md.append("| %s | %,d | %s | %s | %s |\n".formatted(run.label(), stages.notifications(),
					percentiles(stages.toFanOut()), percentiles(stages.toSend()), percentiles(stages.send())));
		}
		md.append('\n');
	}

	/**
	 * Latency of the open-loop runs by when the event was scheduled, in slices of 10 s
	 * (longer for runs of more than 5 minutes, so that a run has at most 30): a JIT still
	 * at work, or a stall, shows as the slices it hit. Then each run's slowest seconds,
	 * with their wall-clock time (UTC), to find in the apps' GC and application logs and
	 * the server's log. A run as fast as possible sends everything in its first seconds,
	 * so it has no such view.
	 */
	private static void overTime(StringBuilder md, List<RunResult> runs) {
		List<RunResult> openLoop = runs.stream().filter((run) -> run.offeredRate() > 0).toList();
		if (openLoop.isEmpty()) {
			return;
		}
		md.append("## Latency over time\n\n");
		md.append("Publish → receive of the open-loop runs by when the event was scheduled "
				+ "(slices from the first measured send; UTC by the bench JVM's clock).\n\n");
		md.append("| run | from s | to s | from (UTC) | notifications | p50 ms | p99 ms | max ms |\n"
				+ "|---|---|---|---|---|---|---|---|\n");
		for (RunResult run : openLoop) {
			long sliceNanos = Math.max(10, (long) Math.ceil(run.seconds() / 30 / 10) * 10) * 1_000_000_000L;
			List<long[]> slices = run.tracker().slices(sliceNanos);
			for (int slice = 0; slice < slices.size(); slice++) {
				long[] latencies = slices.get(slice);
				md.append("| %s | %d | %d | %s | %,d | %s | %s | %s |\n".formatted(run.label(),
						slice * sliceNanos / 1_000_000_000L, (slice + 1) * sliceNanos / 1_000_000_000L,
						CLOCK.format(run.tracker().sliceStart(slice, sliceNanos)), latencies.length, ms(latencies, 50),
						ms(latencies, 99), ms(latencies, 100)));
			}
		}
		md.append("\nThe %d seconds of each run with the slowest delivery (by scheduled send time):\n\n"
			.formatted(SLOWEST_SECONDS));
		md.append("| run | second (UTC) | from s | notifications | p50 ms | p99 ms | max ms |\n"
				+ "|---|---|---|---|---|---|---|\n");
		for (RunResult run : openLoop) {
			for (Tracker.Second second : run.tracker().slowestSeconds(SLOWEST_SECONDS)) {
				md.append("| %s | %s | %d | %,d | %s | %s | %s |\n".formatted(run.label(), CLOCK.format(second.from()),
						second.offset(), second.latencies().length, ms(second.latencies(), 50),
						ms(second.latencies(), 99), ms(second.latencies(), 100)));
			}
		}
		md.append('\n');
	}

	private static String percentiles(LatencyStages.Percentiles percentiles) {
		if (percentiles.p50() == null) {
			return "-";
		}
		return "%.0f / %.0f / %.0f".formatted(percentiles.p50(), percentiles.p95(), percentiles.p99());
	}

	private static void usage(StringBuilder md, List<RunResult> runs) {
		md.append("## CPU and memory per process\n\n");
		md.append(
				"| run | process | CPU s | CPU % of one core | CPU ms per event | RSS max MB | heap max MB | JIT compiling s |\n");
		md.append("|---|---|---|---|---|---|---|---|\n");
		for (RunResult run : runs) {
			for (Usage usage : run.usage()) {
				md.append("| %s | %s | %.1f | %.0f | %.2f | %s | %s | %s |\n".formatted(run.label(), usage.name(),
						usage.cpuSeconds(), usage.cpuPercent(),
						(run.events() > 0) ? 1000 * usage.cpuSeconds() / run.events() : 0, mb(usage.maxRssBytes()),
						mb(usage.maxHeapBytes()),
						(usage.jitSeconds() < 0) ? "-" : String.format(Locale.ROOT, "%.1f", usage.jitSeconds())));
			}
		}
		md.append(
				"\nOver each run's measured window (after the warm-up, until the last delivery or the drain timeout). "
						+ "JIT compiling: the time the JVM's JIT compiler threads spent (`java.ci.totalTime`), part of its CPU; "
						+ "more than a few seconds means the run still measured the JIT warming up.\n\n");
	}

	private static void statements(StringBuilder md, List<RunResult> runs) {
		if (runs.stream().noneMatch((run) -> run.postgres() != null)) {
			return;
		}
		md.append("## PostgreSQL statements\n\n");
		md.append("The %d statements with the most time (execution plus planning) in each run's measured window "
			.formatted(PostgresStatements.TOP)
				+ "(`pg_stat_statements`; the foreign-key checks a statement's triggers, and their planning, "
				+ "count in its execution), and the sums over all statements. Planning is 0 where the server "
				+ "does not track it (`pg_stat_statements.track_planning`, on in the embedded server).\n\n");
		for (RunResult run : runs) {
			PostgresStatements.Window postgres = run.postgres();
			if (postgres == null) {
				continue;
			}
			md.append("### ").append(run.label()).append("\n\n");
			if (postgres.unavailable() != null) {
				md.append(postgres.unavailable()).append("\n\n");
				continue;
			}
			md.append("| calls | exec ms | exec ms per call | plan ms | plan ms per call | "
					+ "exec + plan ms per event | rows | buffers per call | statement |\n");
			md.append("|---|---|---|---|---|---|---|---|---|\n");
			for (PostgresStatements.Row row : postgres.top()) {
				statementRow(md, run, row, "`" + row.query().replace("|", "\\|").replace("`", "'") + "`");
			}
			if (postgres.totals() != null) {
				statementRow(md, run, postgres.totals(), "**all statements**");
			}
			md.append('\n');
		}
	}

	private static void statementRow(StringBuilder md, RunResult run, PostgresStatements.Row row, String what) {
		md.append("| %,d | %,.0f | %.2f | %,.0f | %.3f | %.3f | %,d | %,d | %s |\n".formatted(row.calls(),
				row.totalMs(), row.msPerCall(), row.planMs(), row.planMsPerCall(),
				(run.events() > 0) ? (row.totalMs() + row.planMs()) / run.events() : 0, row.rows(),
				row.buffersPerCall(), what));
	}

	private static void floor(StringBuilder md, List<RunResult> runs, List<Part> floor) {
		md.append("## Raw floor\n\n");
		if (floor.isEmpty()) {
			md.append("Not measured (--floor=false).\n\n");
			return;
		}
		md.append("The same machine and servers, after the runs, with the app processes stopped.\n\n");
		md.append("| part | how | operations | seconds | per second |\n|---|---|---|---|---|\n");
		for (Part part : floor) {
			md.append("| %s | %s | %,d | %.2f | %s |\n".formatted(part.name(),
					part.measured() ? part.what() : "failed: " + part.error(), part.operations(), part.seconds(),
					part.measured() ? "%,.0f".formatted(part.perSecond()) : "-"));
		}
		Part lowest = RawFloor.lowest(floor);
		if (lowest != null) {
			md.append("\nLowest floor: %s, %,.0f/s.\n\n".formatted(lowest.name(), lowest.perSecond()));
			for (RunResult run : runs) {
				md.append("- %s: %,.0f events/s = **%.4f** of the lowest floor (%s)\n".formatted(run.label(),
						run.eventsPerSecond(), run.eventsPerSecond() / lowest.perSecond(), lowest.name()));
			}
			md.append('\n');
		}
	}

	private static void verdict(StringBuilder md, List<RunResult> runs, List<String> skipped) {
		md.append("## Verdict\n\n");
		long lost = runs.stream().mapToLong(RunResult::lost).sum();
		long duplicated = runs.stream().mapToLong(RunResult::duplicated).sum();
		long rejected = runs.stream().mapToLong(RunResult::rejected).sum();
		boolean passed = runs.stream().allMatch(RunResult::passed);
		md.append("%s: lost %d, duplicated %d, rejected by the API or Kafka %d.\n\n".formatted(passed ? "PASS" : "FAIL",
				lost, duplicated, rejected));
		if (!skipped.isEmpty()) {
			md.append("## Not run\n\n");
			skipped.forEach((line) -> md.append("- ").append(line).append('\n'));
			md.append('\n');
		}
	}

	private static String ms(long[] sorted, double percentile) {
		double value = Tracker.percentileMillis(sorted, percentile);
		return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
	}

	private static String mb(long bytes) {
		return (bytes < 0) ? "-" : String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
	}

}
