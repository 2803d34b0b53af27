package io.herald.worker.replay;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.herald.core.event.EventRecord;
import io.herald.core.replay.BackfillPlan;
import io.herald.core.replay.EventBackfill;
import io.herald.core.replay.ReplayFilter;
import io.herald.worker.fanout.FanOut;
import io.herald.worker.replay.ReplayJobLeases.LeasedJob;
import io.herald.worker.replay.ReplayJobLeases.Progress;
import tools.jackson.databind.json.JsonMapper;

/**
 * The steps of an {@code EVENTS} job (backfill, decision 0067), each inside the runner's
 * transaction: fix the job's events once, then per chunk lock the next events not done,
 * plan their fan-out through today's subscriptions (platform-core's planner), insert what
 * does not exist yet through the fan-out's outbox and mark the events done, all in one
 * transaction, so a crashed worker's successor continues with the events not done.
 */
class BackfillSteps {

	private final EventBackfill backfill;

	private final FanOut fanOut;

	private final JsonMapper json;

	private final Clock clock;

	BackfillSteps(EventBackfill backfill, FanOut fanOut, JsonMapper json, Clock clock) {
		this.backfill = backfill;
		this.fanOut = fanOut;
		this.json = json;
		this.clock = clock;
	}

	int fixItems(LeasedJob job) {
		return this.backfill.fixItems(job.id(), job.tenantId(), filter(job));
	}

	Progress chunk(LeasedJob job, int limit) {
		List<EventRecord> events = this.backfill.nextChunk(job.id(), limit);
		if (events.isEmpty()) {
			return new Progress(0, 0, 0, 0);
		}
		List<BackfillPlan> plans = this.backfill.plan(events, filter(job).subscriptionId(), this.clock.instant());
		Map<EventBackfill.EventKey, Integer> created = this.fanOut.backfill(job.id(), plans);
		this.backfill.markDone(job.id(), events, created);
		int total = created.values().stream().mapToInt(Integer::intValue).sum();
		return new Progress(events.size(), 0, total, events.size() - created.size());
	}

	private ReplayFilter filter(LeasedJob job) {
		return this.json.readValue(job.criteria(), ReplayFilter.class);
	}

}
