package io.herald.local.invariants;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code invariants} command's options, from {@code --name=value} arguments.
 *
 * @param events events published in all, spread evenly over the faults
 * @param faults the faults, in order ({@code together} last by default)
 * @param poisonPerFault poison records published during each fault
 * @param doomedEvery every n-th event goes to the tenant whose receiver always fails
 * @param phase the shortest window of a fault (events are spread over it)
 * @param workerDown how long a killed worker stays down
 * @param redisDown how long Redis stays stopped
 * @param postgresPause how long PostgreSQL stays paused ({@code SIGSTOP})
 * @param postgresDown how long PostgreSQL stays stopped
 * @param flaky how long the receiver answers 30 % 5xx and timeouts
 * @param kafkaDown how long the broker stays stopped before its restart
 * @param drainTimeout how long to wait without progress after the last fault
 * @param appHeap {@code -Xmx} of each app process
 * @param out the Markdown report
 * @param workDir data and logs; a fresh temporary directory when null
 */
record InvariantOptions(int events, List<Fault> faults, int poisonPerFault, int doomedEvery, Duration phase,
		Duration workerDown, Duration redisDown, Duration postgresPause, Duration postgresDown, Duration flaky,
		Duration kafkaDown, Duration drainTimeout, String appHeap, Path out, Path workDir) {

	static final String USAGE = """
			Herald invariant suite: PostgreSQL, Redis and a KRaft Kafka broker as processes of their own,
			one API and two worker processes, a webhook receiver on 127.0.0.1. Publishes events while it
			injects faults one at a time and then together, then checks that every event has exactly one
			notification row ending SENT (DEAD for the receiver told to fail for good), that the receiver
			saw every webhook-id, that duplicates carry the same webhook-id and are bounded by the
			crashes, and that the DLQ holds nothing but the injected poison. Exit code 1 if not.

			  java -jar platform-local/target/herald-local.jar invariants [--option=value ...]

			  --events=2000            events in all, spread evenly over the faults
			  --faults=all             baseline, worker-kill, redis-stop, postgres-pause, postgres-stop,
			                           receiver-flaky, kafka-restart, together (comma-separated)
			  --poison=3               poison records per fault (unknown tenant, unknown type, bad JSON)
			  --doomed-every=50        every n-th event goes to a receiver that always answers 500
			  --phase=20s              the shortest window of a fault
			  --worker-down=10s        a killed worker stays down this long
			  --redis-down=20s         Redis stays stopped this long
			  --postgres-pause=10s     PostgreSQL stays paused (SIGSTOP) this long
			  --postgres-down=60s      PostgreSQL stays stopped this long
			  --flaky=30s              the receiver answers 30 % 5xx and timeouts this long
			  --kafka-down=5s          the broker stays stopped this long before its restart
			  --drain-timeout=180s     give up after this long without progress
			  --app-heap=384m          -Xmx of each app process
			  --out=herald-invariants.md   Markdown report (also printed)
			  --work-dir=<temp>        data and logs of this run
			""";

	private static final Set<String> KNOWN = Set.of("events", "faults", "poison", "doomed-every", "phase",
			"worker-down", "redis-down", "postgres-pause", "postgres-down", "flaky", "kafka-down", "drain-timeout",
			"app-heap", "out", "work-dir");

	static InvariantOptions parse(List<String> args) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Expected --option=value, got " + arg);
			}
			String name = arg.substring(2, equals);
			if (!KNOWN.contains(name)) {
				throw new IllegalArgumentException("Unknown option --" + name);
			}
			values.put(name, arg.substring(equals + 1));
		}
		List<Fault> faults = new ArrayList<>();
		String named = values.getOrDefault("faults", "all");
		if (named.equals("all")) {
			faults.addAll(List.of(Fault.values()));
		}
		else {
			for (String label : named.split(",")) {
				faults.add(Fault.named(label.trim()));
			}
		}
		int events = integer(values, "events", 2000, 1);
		String workDir = values.get("work-dir");
		return new InvariantOptions(events, List.copyOf(faults), integer(values, "poison", 3, 0),
				integer(values, "doomed-every", 50, 2), duration(values, "phase", "20s"),
				duration(values, "worker-down", "10s"), duration(values, "redis-down", "20s"),
				duration(values, "postgres-pause", "10s"), duration(values, "postgres-down", "60s"),
				duration(values, "flaky", "30s"), duration(values, "kafka-down", "5s"),
				duration(values, "drain-timeout", "180s"), values.getOrDefault("app-heap", "384m"),
				Path.of(values.getOrDefault("out", "herald-invariants.md")),
				(workDir != null) ? Path.of(workDir) : null);
	}

	private static int integer(Map<String, String> values, String name, int fallback, int min) {
		String value = values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			int parsed = Integer.parseInt(value.replace("_", "").replace(",", ""));
			if (parsed < min) {
				throw new IllegalArgumentException("--" + name + " must be at least " + min);
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number, got " + value);
		}
	}

	/** {@code 500ms}, {@code 20s}, {@code 2m}. */
	static Duration duration(Map<String, String> values, String name, String fallback) {
		String value = values.getOrDefault(name, fallback).trim();
		try {
			if (value.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
			}
			if (value.endsWith("s")) {
				return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
			}
			if (value.endsWith("m")) {
				return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
			}
			return Duration.ofSeconds(Long.parseLong(value));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a duration such as 20s, got " + value);
		}
	}

}
