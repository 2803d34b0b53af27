package io.herald.local.invariants;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.herald.local.invariants.Verification.Counts;

/** The suite's Markdown report: setup, the counts per fault, the checks, the timeline. */
final class InvariantReport {

	private InvariantReport() {
	}

	static String markdown(InvariantOptions options, SuitePlan plan, Verification.Result result, List<String> timeline,
			Instant startedAt, Duration took, String loadBefore) {
		StringBuilder out = new StringBuilder();
		out.append("# Herald invariant suite\n\n");
		out.append("## Setup\n\n");
		out.append("- started ")
			.append(startedAt)
			.append(", took ")
			.append(took.toSeconds())
			.append(" s; ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, load average before: ")
			.append(loadBefore)
			.append('\n');
		out.append("- ")
			.append(String.format("%,d", plan.events()))
			.append(" events (every ")
			.append(plan.doomedEvery())
			.append("th to a receiver that always answers 500), ")
			.append(plan.poisonPerFault())
			.append(" poison records per fault, published straight to Kafka\n");
		out.append("- one API and ")
			.append(InvariantStack.WORKERS)
			.append(" worker processes; PostgreSQL, Redis and a KRaft Kafka broker as processes of their own\n");
		out.append("- durations: worker down ")
			.append(options.workerDown().toSeconds())
			.append(" s, Redis down ")
			.append(options.redisDown().toSeconds())
			.append(" s, PostgreSQL paused ")
			.append(options.postgresPause().toSeconds())
			.append(" s, PostgreSQL down ")
			.append(options.postgresDown().toSeconds())
			.append(" s, receiver flaky ")
			.append(options.flaky().toSeconds())
			.append(" s, Kafka down ")
			.append(options.kafkaDown().toSeconds())
			.append(" s; shortest fault window ")
			.append(options.phase().toSeconds())
			.append(" s\n\n");
		out.append("## Counts per fault\n\n");
		out.append("| fault | events | notification rows | `SENT` | `DEAD` (expected) | wrong or missing "
				+ "| webhook-ids seen | SENT not seen | duplicate arrivals | poison in DLQ |\n");
		out.append("|---|---|---|---|---|---|---|---|---|---|\n");
		for (Counts counts : result.counts()) {
			row(out, counts.fault.label(), counts);
		}
		row(out, "**all**", result.total());
		out.append('\n');
		out.append("Receiver: ")
			.append(String.format("%,d", result.refused()))
			.append(" answered 503 at once, ")
			.append(String.format("%,d", result.timedOut()))
			.append(" answered only after the send deadline (timeouts). Crashes (kill -9): ")
			.append(result.crashes())
			.append("; duplicate arrivals: ")
			.append(result.total().duplicates)
			.append(", of which ")
			.append(result.duplicatesAfterCrash())
			.append(" after a crash (allowed: ")
			.append(result.duplicateBound())
			.append(" = crashes × sends in flight per worker) and ")
			.append(result.duplicatesAfterNoAnswer())
			.append(" after a send whose answer never reached the worker (accepted by the receiver, "
					+ "recorded as a timeout or connection error; resent with the same webhook-id)")
			.append(". Dead letters that are not injected poison: ")
			.append(result.dlqOther())
			.append(".\n\n");
		out.append("## Verdict\n\n");
		if (result.passed()) {
			out.append("PASS: every event has exactly one notification row, in the expected end state; "
					+ "the receiver saw every SENT row's webhook-id; every duplicate follows a lost or unanswered attempt, those after crashes within the bound; "
					+ "the DLQ holds only the injected poison.\n");
		}
		else {
			out.append("FAIL:\n\n");
			result.violations().forEach((violation) -> out.append("- ").append(violation).append('\n'));
		}
		out.append("\n## Timeline\n\n```\n");
		timeline.forEach((line) -> out.append(line).append('\n'));
		out.append("```\n");
		return out.toString();
	}

	private static void row(StringBuilder out, String label, Counts counts) {
		out.append(String.format("| %s | %,d | %,d | %,d | %,d (%,d) | %,d | %,d | %,d | %,d | %,d of %,d |%n", label,
				counts.events, counts.rows, counts.sent, counts.dead, counts.expectedDead, counts.wrong, counts.seen,
				counts.notSeen, counts.duplicates, counts.dlqPoison, counts.poison));
	}

}
