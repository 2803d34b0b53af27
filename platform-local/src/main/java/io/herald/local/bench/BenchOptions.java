package io.herald.local.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code bench} command's options, from {@code --name=value} arguments.
 *
 * @param scenarios what to run, in order
 * @param ingests how events enter Herald, each scenario once per ingest mode
 * @param events events per run (after the warm-up)
 * @param rate offered events per second (open loop); 0 = as fast as possible
 * @param warmup events sent before each run's measurement starts (at the run's rate when
 * it has one), and the size of each further warm-up round
 * @param workers worker processes
 * @param restConcurrency requests in flight at most for REST ingest
 * @param drainTimeout how long to wait without any delivery before declaring the rest
 * lost
 * @param appHeap {@code -Xmx} of each app process
 * @param appJvmOptions more options for each app JVM, after {@code -Xmx}; the parallel
 * collector unless they name another ({@link #appJvm()})
 * @param out the Markdown report
 * @param workDir data and logs of this run; a fresh temporary directory when null
 * @param floor whether to measure the raw floor after the runs
 * @param external external servers and apps, or null for the embedded stack
 * @param jfr directory for a JFR recording of each app process ({@code settings=profile},
 * {@code worker-<pid>.jfr} and {@code api-<pid>.jfr}, written when the app stops), or
 * null for none
 * @param startupTimeout how long each app process may take to become healthy
 * @param retryWait how long the drain may wait, after the drain timeout, for
 * notifications that Herald holds for a later retry
 * @param pgStatements report each run's most expensive PostgreSQL statements
 * ({@link PostgresStatements})
 * @param history finished events of a tenant of their own written into PostgreSQL before
 * the runs (with their notifications, attempts and audit entries), 0 for none
 * @param warmupJit after the first {@code warmup} events, warm-up rounds go on until no
 * JVM (app or bench) spent more than this percentage of one core compiling in the last
 * round (0 = no further rounds)
 * @param warmupMax the warm-up stops after this long whether the JIT settled or not
 * @param replayRows DEAD notifications the replay scenario writes and replays
 * @param replayRate the replay job's requeues per second (the API allows 1 to 1,000)
 * @param checkpoint whether each run's warm-up ends with a PostgreSQL {@code CHECKPOINT}
 * ({@link BenchStack#checkpoint()})
 */
record BenchOptions(List<Scenario> scenarios, List<Ingest> ingests, int events, int rate, int warmup, int workers,
		int restConcurrency, Duration drainTimeout, String appHeap, List<String> appJvmOptions, Path out, Path workDir,
		boolean floor, External external, Path jfr, Duration startupTimeout, Duration retryWait, int history,
		boolean pgStatements, int warmupJit, Duration warmupMax, int replayRows, int replayRate, boolean checkpoint) {

	static final String USAGE = """
			Herald benchmark: starts Kafka (KRaft), PostgreSQL and Redis in this JVM, the API and the
			worker(s) as processes of their own, a webhook receiver on 127.0.0.1, then publishes
			events and measures publish->webhook latency, throughput, CPU and heap, lost and duplicated
			deliveries, and the raw floor of the same servers. Exit code 1 if anything was lost or
			duplicated.

			  java -jar platform-local/target/herald-local.jar bench [--option=value ...]

			  --scenario=fanout-1         fanout-1, fanout-10, noisy-tenant, replay (comma-separated list)
			  --ingest=kafka              kafka, rest, rest-batch (comma-separated list)
			  --events=20000              events per run
			  --rate=0                    offered events/s, open loop; 0 = as fast as possible
			  --warmup=N                  events sent before measuring, at the --rate when one is
			                              given; default 20 s of the rate (at most 20,000), 10,000
			                              as fast as possible; then more rounds of N (below)
			  --warmup-jit=10             warm up in rounds of --warmup events until no JVM (worker,
			                              API, bench) spent more than this % of one core compiling
			                              in the last round; 0 = one round only
			  --warmup-max=300s           stop warming up after this long, settled or not
			  --checkpoint=true           end each warm-up with a PostgreSQL CHECKPOINT, so that the run
			                              writes WAL into segments recycled from the warm-up's, as a
			                              server that has been running does; false = a fresh cluster's
			                              new, zero-filled segments
			  --workers=1                 worker processes (2 = scale-out on the same topic)
			  --rest-concurrency=64       REST requests in flight at most
			  --drain-timeout=60s         give up after this long without a delivery
			  --app-heap=512m             -Xmx of each app process
			  --app-jvm-options=          more options for each app JVM, space-separated, e.g.
			                              "-XX:+UseG1GC -XX:TieredStopAtLevel=1"; the parallel
			                              collector (as deploy/ runs them) unless they name another
			  --out=herald-bench.md       Markdown report (also printed)
			  --work-dir=<temp>           data and app logs of this run (of the temp dir only the logs stay)
			  --floor=true                measure the raw floor of the servers after the runs
			  --jfr=<dir>                 record each app with JFR (profile settings) into <dir>/worker-<pid>.jfr, api-<pid>.jfr
			  --startup-timeout=240s      how long each app process may take to become healthy
			  --retry-wait=420s           after the drain timeout, wait up to this long for notifications
			                              that Herald holds for a later retry (0 = count them lost)
			  --history=0                 before the runs, write this many old finished events of another
			                              tenant (notification SENT, attempt, audit entry each), then ANALYZE
			  --pg-statements=false       report PostgreSQL's most expensive statements of each run
			                              (pg_stat_statements, loaded into the embedded server)
			  --replay-rows=1000          DEAD notifications the replay scenario writes and replays
			  --replay-rate=100           the replay job's requeues per second (1 to 1,000)
			External servers (all three, or none):
			  --kafka=host:port --jdbc-url=jdbc:postgresql://... --redis-url=redis://host:port
			  --jdbc-user=postgres --jdbc-password=
			External apps (then no app process is started; needs the servers above for kafka ingest
			and the floor, and a worker that may call private webhook targets):
			  --api-url=http://host:port --operator-user=operator --operator-password=...
			""";

	private static final Pattern COLLECTOR = Pattern.compile("-XX:\\+Use\\w*GC");

	private static final Set<String> KNOWN = Set.of("scenario", "ingest", "events", "rate", "warmup", "workers",
			"rest-concurrency", "drain-timeout", "app-heap", "app-jvm-options", "out", "work-dir", "floor", "kafka",
			"jdbc-url", "jdbc-user", "jdbc-password", "redis-url", "api-url", "operator-user", "operator-password",
			"jfr", "startup-timeout", "retry-wait", "history", "pg-statements", "warmup-jit", "warmup-max",
			"replay-rows", "replay-rate", "checkpoint");

	/** External servers, and optionally external apps ({@code apiUrl} non-null). */
	record External(String kafka, String jdbcUrl, String jdbcUser, String jdbcPassword, String redisUrl, String apiUrl,
			String operatorUser, String operatorPassword) {

		boolean servers() {
			return this.kafka != null;
		}

		boolean apps() {
			return this.apiUrl != null;
		}

	}

	static BenchOptions parse(List<String> args) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Expected --option=value, got: " + arg);
			}
			String name = arg.substring(2, equals);
			if (!KNOWN.contains(name)) {
				throw new IllegalArgumentException("Unknown option --" + name);
			}
			values.put(name, arg.substring(equals + 1));
		}
		List<Scenario> scenarios = new ArrayList<>();
		for (String name : values.getOrDefault("scenario", "fanout-1").split(",")) {
			scenarios.add(Scenario.named(name.trim()));
		}
		List<Ingest> ingests = new ArrayList<>();
		for (String name : values.getOrDefault("ingest", "kafka").split(",")) {
			ingests.add(Ingest.named(name.trim()));
		}
		External external = external(values);
		int rate = atLeastZero(values, "rate", 0);
		int replayRate = positive(values, "replay-rate", 100);
		if (replayRate > 1000) {
			throw new IllegalArgumentException("--replay-rate must be at most 1000 (the replay API's limit)");
		}
		return new BenchOptions(List.copyOf(scenarios), List.copyOf(ingests), positive(values, "events", 20_000), rate,
				atLeastZero(values, "warmup", defaultWarmup(rate)), positive(values, "workers", 1),
				positive(values, "rest-concurrency", 64),
				Duration.ofSeconds(positive(values, "drain-timeout", 60, "s")), values.getOrDefault("app-heap", "512m"),
				appJvmOptions(values.getOrDefault("app-jvm-options", "")),
				Path.of(values.getOrDefault("out", "herald-bench.md")),
				values.containsKey("work-dir") ? Path.of(values.get("work-dir")) : null,
				Boolean.parseBoolean(values.getOrDefault("floor", "true")), external,
				values.containsKey("jfr") ? Path.of(values.get("jfr")) : null,
				Duration.ofSeconds(positive(values, "startup-timeout", 240, "s")),
				Duration.ofSeconds(atLeastZero(values, "retry-wait", 420, "s")), atLeastZero(values, "history", 0),
				Boolean.parseBoolean(values.getOrDefault("pg-statements", "false")),
				atLeastZero(values, "warmup-jit", 10), Duration.ofSeconds(atLeastZero(values, "warmup-max", 300, "s")),
				positive(values, "replay-rows", 1_000), replayRate,
				Boolean.parseBoolean(values.getOrDefault("checkpoint", "true")));
	}

	/**
	 * Each app JVM's options: the heap, the garbage collector (the parallel one, as the
	 * images in {@code deploy/} run the worker and the API, decision 0107, unless
	 * {@code --app-jvm-options} names one: HotSpot refuses two) and the given options.
	 */
	List<String> appJvm() {
		List<String> options = new ArrayList<>();
		options.add("-Xmx" + this.appHeap);
		if (this.appJvmOptions.stream().noneMatch((option) -> COLLECTOR.matcher(option).matches())) {
			options.add("-XX:+UseParallelGC");
		}
		options.addAll(this.appJvmOptions);
		return List.copyOf(options);
	}

	private static List<String> appJvmOptions(String value) {
		List<String> options = Arrays.stream(value.trim().split("\\s+")).filter((o) -> !o.isEmpty()).toList();
		for (String option : options) {
			if (!option.startsWith("-")) {
				throw new IllegalArgumentException(
						"--app-jvm-options takes JVM options (each starting with '-'), got: " + option);
			}
			if (option.startsWith("-Xmx")) {
				throw new IllegalArgumentException("--app-jvm-options: give the heap with --app-heap, not " + option);
			}
		}
		return options;
	}

	private static External external(Map<String, String> values) {
		List<String> servers = List.of("kafka", "jdbc-url", "redis-url");
		long given = servers.stream().filter(values::containsKey).count();
		if (given != 0 && given != servers.size()) {
			throw new IllegalArgumentException("Give all of --kafka, --jdbc-url and --redis-url, or none");
		}
		if (given == 0 && values.containsKey("api-url")) {
			throw new IllegalArgumentException("--api-url needs --kafka, --jdbc-url and --redis-url too");
		}
		if (given == 0) {
			return null;
		}
		if (values.containsKey("api-url") && !values.containsKey("operator-password")) {
			throw new IllegalArgumentException("--api-url needs --operator-password (to create the bench tenants)");
		}
		return new External(values.get("kafka"), values.get("jdbc-url"), values.getOrDefault("jdbc-user", "postgres"),
				values.getOrDefault("jdbc-password", ""), values.get("redis-url"), values.get("api-url"),
				values.getOrDefault("operator-user", "operator"), values.get("operator-password"));
	}

	private static int positive(Map<String, String> values, String name, int fallback) {
		return positive(values, name, fallback, "");
	}

	private static int positive(Map<String, String> values, String name, int fallback, String suffix) {
		int value = atLeastZero(values, name, fallback, suffix);
		if (value == 0) {
			throw new IllegalArgumentException("--" + name + " must be positive");
		}
		return value;
	}

	/**
	 * Enough for the JIT of every process, the bench JVM's broker included, to have
	 * compiled the measured traffic: with 500 warm-up events a run at 500 events/s still
	 * spent a third of a core on C2 compilation in the bench JVM while it was measured
	 * (docs/benchmarks.md).
	 */
	static int defaultWarmup(int rate) {
		return (rate > 0) ? Math.min(20 * rate, 20_000) : 10_000;
	}

	private static int atLeastZero(Map<String, String> values, String name, int fallback) {
		return atLeastZero(values, name, fallback, "");
	}

	private static int atLeastZero(Map<String, String> values, String name, int fallback, String suffix) {
		String text = values.get(name);
		if (text == null) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(suffix.isEmpty() ? text : text.replaceFirst(suffix + "$", ""));
			if (value < 0) {
				throw new IllegalArgumentException("--" + name + " must not be negative");
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number, got " + text);
		}
	}

}
