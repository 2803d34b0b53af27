package io.herald.local.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench command end to end, small: embedded servers, the API and a worker as
 * processes of their own, a few hundred events produced straight to Kafka and as many
 * through the REST batch route, fanout-1, then the raw floor. Proves the command's
 * plumbing and its exactly-once accounting, not Herald's speed (speed is never asserted
 * in tests).
 */
class BenchCommandIntegrationTests {

	@TempDir
	Path workDir;

	@Test
	void smallKafkaRestAndRestBatchFanoutRunsDeliverEveryEventOnceAndWriteTheReport() throws Exception {
		Path report = this.workDir.resolve("report.md");
		BenchOptions options = BenchOptions
			.parse(List.of("--scenario=fanout-1", "--ingest=kafka,rest,rest-batch", "--events=300", "--warmup=20",
					"--warmup-max=4s", "--drain-timeout=60s", "--app-heap=384m", "--history=2000",
					"--pg-statements=true", "--work-dir=" + this.workDir.resolve("work"), "--out=" + report));

		BenchCommand.Outcome outcome = BenchCommand.execute(options);

		assertThat(outcome.runs()).extracting(RunResult::label)
			.containsExactly("fanout-1 / kafka", "fanout-1 / rest", "fanout-1 / rest-batch");
		assertThat(outcome.runs()).allSatisfy((run) -> {
			assertThat(run.tracker().delivered()).isEqualTo(300);
			assertThat(run.lost()).isZero();
			assertThat(run.duplicated()).isZero();
			assertThat(run.rejected()).isZero();
			assertThat(run.latencies()).hasSize(300);
			assertThat(run.usage()).extracting(Monitor.Usage::name).contains("worker-1", "api");
			// heap from the apps' performance counters, not from their metrics endpoints
			assertThat(run.usage()).filteredOn((usage) -> usage.name().equals("worker-1"))
				.singleElement()
				.satisfies((usage) -> assertThat(usage.maxHeapBytes()).isPositive());
			// the JIT's time of every JVM, the bench JVM's included, and none for the
			// servers
			assertThat(run.usage())
				.filteredOn((usage) -> !usage.name().startsWith("PostgreSQL") && !usage.name().equals("Redis"))
				.allSatisfy((usage) -> assertThat(usage.jitSeconds()).as(usage.name()).isNotNegative());
			assertThat(run.usage()).filteredOn((usage) -> usage.name().equals("Redis"))
				.allSatisfy((usage) -> assertThat(usage.jitSeconds()).isEqualTo(-1));
			// warm-up rounds of 20 events, each delivered, until the JIT settled or 4 s
			// passed
			assertThat(run.warmup().rounds()).isPositive();
			assertThat(run.warmup().events()).isEqualTo(20 * run.warmup().rounds());
			assertThat(run.tracker().warmupDelivered()).isEqualTo(run.warmup().events());
			assertThat(run.warmup().lastRound()).containsKeys("worker-1", "api");
			// the warm-up ends with a checkpoint of the embedded server (decision 0116)
			assertThat(run.warmup().checkpoint()).startsWith("CHECKPOINT in");
		});
		// PostgreSQL's statements of the measured window: the fan-out's inserts among
		// them, planning tracked, and the sums over all statements
		assertThat(outcome.runs()).allSatisfy((run) -> {
			assertThat(run.postgres().unavailable()).isNull();
			assertThat(run.postgres().top()).isNotEmpty()
				.anySatisfy((row) -> assertThat(row.query()).startsWith("insert into notification"));
			assertThat(run.postgres().totals().calls()).isGreaterThanOrEqualTo(run.postgres().top().get(0).calls());
			assertThat(run.postgres().totals().planMs()).isPositive();
		});
		// where the latency went, from Herald's own timestamps: every first attempt of
		// the measured events; the publish stage only where the bench stamped the
		// event's time (Kafka)
		assertThat(outcome.runs()).allSatisfy((run) -> {
			assertThat(run.stages().notifications()).isEqualTo(300);
			assertThat(run.stages().toSend().p50()).isNotNull();
			assertThat(run.stages().send().p99()).isNotNull();
		});
		assertThat(outcome.runs().get(0).stages().toFanOut().p50()).isNotNull().isPositive();
		// every event's ack from Kafka; one answer per event (REST) and per batch of 100
		// from the API
		assertThat(outcome.runs().get(0).acceptLatencies()).hasSize(300);
		assertThat(outcome.runs().get(1).acceptLatencies()).hasSize(300);
		assertThat(outcome.runs().get(2).acceptLatencies()).hasSize(3);
		assertThat(outcome.passed()).isTrue();
		assertThat(outcome.floor()).extracting(RawFloor.Part::name)
			.containsExactly("Kafka consumer", "PostgreSQL insert", "Redis SET NX PX", "Webhook receiver");
		assertThat(outcome.floor()).allSatisfy((part) -> assertThat(part.measured()).as(part.name()).isTrue());
		String written = Files.readString(report);
		assertThat(written).contains("## Setup", "## Results", "## CPU and memory per process", "## Raw floor",
				"## Verdict", "| fanout-1 / kafka | 300 | 300 |", "| fanout-1 / rest | 300 | 300 |",
				"| fanout-1 / rest-batch | 300 | 300 |", "PASS: lost 0, duplicated 0", "of the lowest floor",
				"## PostgreSQL statements",
				"| calls | exec ms | exec ms per call | plan ms | plan ms per call | exec + plan ms per event | rows "
						+ "| buffers per call | statement |",
				"**all statements** |", "## Where the latency goes",
				"| run | first attempts | publish → fan-out start | fan-out start → send start | send |",
				"| history | 2,000 finished events of another tenant before the runs: 2,000 rows each in event,",
				"delivery_attempt and audit_log (written in ", " s, then VACUUM (ANALYZE) in ",
				"fanout-1 / rest-batch: accept latency (request to the API's answer) p50", "| JIT compiling s |",
				"warm-up events in", "in rounds of 20 events until no JVM's JIT compiled more than 10 %",
				"PostgreSQL and Redis (own processes); PostgreSQL 17.", ", synchronous_commit on, fsync on |");
	}

}
