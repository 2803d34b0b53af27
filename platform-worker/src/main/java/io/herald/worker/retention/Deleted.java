package io.herald.worker.retention;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rows deleted by a batch or a pass, per table.
 *
 * @param notifications {@code notification}
 * @param attempts {@code delivery_attempt}
 * @param sandboxMessages {@code sandbox_message}
 * @param replayItems {@code replay_job_item} of finished replay jobs
 * @param events {@code event}
 * @param fanouts {@code event_fanout}
 * @param backfillItems {@code replay_job_event} of finished backfill jobs
 */
record Deleted(long notifications, long attempts, long sandboxMessages, long replayItems, long events, long fanouts,
		long backfillItems) {

	static final Deleted NONE = new Deleted(0, 0, 0, 0, 0, 0, 0);

	static Deleted ofNotifications(long notifications, long attempts, long sandboxMessages, long replayItems) {
		return new Deleted(notifications, attempts, sandboxMessages, replayItems, 0, 0, 0);
	}

	static Deleted ofEvents(long events, long fanouts, long backfillItems) {
		return new Deleted(0, 0, 0, 0, events, fanouts, backfillItems);
	}

	Deleted plus(Deleted other) {
		return new Deleted(this.notifications + other.notifications, this.attempts + other.attempts,
				this.sandboxMessages + other.sandboxMessages, this.replayItems + other.replayItems,
				this.events + other.events, this.fanouts + other.fanouts, this.backfillItems + other.backfillItems);
	}

	/** Counts by table name, in deletion order. */
	Map<String, Long> byTable() {
		Map<String, Long> tables = new LinkedHashMap<>();
		tables.put("delivery_attempt", this.attempts);
		tables.put("sandbox_message", this.sandboxMessages);
		tables.put("replay_job_item", this.replayItems);
		tables.put("notification", this.notifications);
		tables.put("event_fanout", this.fanouts);
		tables.put("replay_job_event", this.backfillItems);
		tables.put("event", this.events);
		return tables;
	}

}
