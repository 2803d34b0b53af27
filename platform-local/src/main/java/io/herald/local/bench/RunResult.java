package io.herald.local.bench;

import java.util.List;

/**
 * One run's figures. Lost and duplicated are read from the tracker when the report is
 * written (at the very end), so that a late duplicate still counts.
 *
 * @param offeredRate events/s offered, 0 for as fast as possible
 * @param seconds from the first scheduled send to the last first delivery
 * @param latencies publish-to-receive of every delivered notification, sorted (ns)
 * @param quietLatencies the quiet tenants' part of {@code latencies} (noisy-tenant only)
 * @param noisyLatencies the noisy tenant's part (noisy-tenant only)
 * @param acceptLatencies send to the API's answer (REST) or Kafka's ack, sorted (ns)
 * @param replay the replay job's figures (replay only)
 * @param postgres PostgreSQL's most expensive statements in the window
 * ({@code --pg-statements} only)
 * @param stages where the latency went, from Herald's own timestamps ({@code null}
 * without a database connection)
 * @param warmup how the warm-up before the measured window went
 */
record RunResult(Scenario scenario, Ingest ingest, int events, int offeredRate, int rejected, double seconds,
		long[] latencies, long[] quietLatencies, long[] noisyLatencies, long[] acceptLatencies,
		List<Monitor.Usage> usage, Tracker tracker, ReplayLoad.Result replay, PostgresStatements.Window postgres,
		LatencyStages stages, Warmup warmup) {

	String label() {
		return this.scenario.label() + " / " + this.ingest.label();
	}

	long notifications() {
		return (long) (this.events - this.rejected) * this.scenario.fanout();
	}

	double eventsPerSecond() {
		return (this.seconds > 0) ? (this.events - this.rejected) / this.seconds : 0;
	}

	double notificationsPerSecond() {
		return (this.seconds > 0) ? notifications() / this.seconds : 0;
	}

	long lost() {
		return this.tracker.lost();
	}

	long duplicated() {
		return this.tracker.duplicated();
	}

	boolean passed() {
		return lost() == 0 && duplicated() == 0 && this.rejected == 0
				&& (this.replay == null || this.replay.complete());
	}

}
