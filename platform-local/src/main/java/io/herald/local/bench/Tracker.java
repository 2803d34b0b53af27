package io.herald.local.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntPredicate;

/**
 * What one run sent and what the receiver got: per event the scheduled send time, per
 * expected notification (event x subscription) the first receive time and the number of
 * deliveries, and per {@code webhook-id} the number of deliveries. Lost = expected
 * notifications never received; duplicated = deliveries beyond the first of a
 * notification, by slot or by {@code webhook-id}.
 */
final class Tracker {

	private final String runTag;

	private final int events;

	private final int fanout;

	private final long[] scheduled;

	private final AtomicLongArray received;

	private final AtomicIntegerArray deliveries;

	private final boolean[] rejected;

	private final ConcurrentHashMap<String, Integer> webhookIds = new ConcurrentHashMap<>();

	private final AtomicLong delivered = new AtomicLong();

	private final AtomicLong warmupDelivered = new AtomicLong();

	private final AtomicLong stray = new AtomicLong();

	private final AtomicLong lastReceive = new AtomicLong();

	private final long anchorNanos;

	private final Instant anchorInstant;

	Tracker(String runTag, int events, int fanout) {
		this(runTag, events, fanout, System.nanoTime(), Instant.now());
	}

	/**
	 * A tracker whose {@code System.nanoTime()} reading {@code anchorNanos} was taken at
	 * {@code anchorInstant}, so that its times can be lined up with other logs.
	 */
	Tracker(String runTag, int events, int fanout, long anchorNanos, Instant anchorInstant) {
		this.anchorNanos = anchorNanos;
		this.anchorInstant = anchorInstant;
		this.runTag = runTag;
		this.events = events;
		this.fanout = fanout;
		this.scheduled = new long[events];
		this.received = new AtomicLongArray(events * fanout);
		this.deliveries = new AtomicIntegerArray(events * fanout);
		this.rejected = new boolean[events];
	}

	String eventId(int index) {
		return eventIdPrefix() + index;
	}

	String warmupId(int index) {
		return warmupIdPrefix() + index;
	}

	/** What every event id of the run starts with, the warm-up's included. */
	String eventIdPrefix() {
		return this.runTag + "-";
	}

	/** What the warm-up's event ids start with. */
	String warmupIdPrefix() {
		return this.runTag + "-w";
	}

	void scheduled(int index, long nanos) {
		this.scheduled[index] = nanos;
	}

	synchronized void rejected(int index) {
		this.rejected[index] = true;
	}

	/** Called by the receiver for every webhook. */
	void receive(String eventId, int subscription, String webhookId, long nanos) {
		if (eventId == null || !eventId.startsWith(eventIdPrefix()) || subscription < 0
				|| subscription >= this.fanout) {
			this.stray.incrementAndGet();
			return;
		}
		String suffix = eventId.substring(this.runTag.length() + 1);
		if (suffix.startsWith("w")) {
			this.warmupDelivered.incrementAndGet();
			return;
		}
		int index;
		try {
			index = Integer.parseInt(suffix);
		}
		catch (NumberFormatException ex) {
			this.stray.incrementAndGet();
			return;
		}
		if (index < 0 || index >= this.events) {
			this.stray.incrementAndGet();
			return;
		}
		if (webhookId != null) {
			this.webhookIds.merge(webhookId, 1, Integer::sum);
		}
		int slot = index * this.fanout + subscription;
		if (this.deliveries.getAndIncrement(slot) == 0) {
			this.received.set(slot, nanos);
			this.delivered.incrementAndGet();
			this.lastReceive.accumulateAndGet(nanos, Math::max);
		}
	}

	long delivered() {
		return this.delivered.get();
	}

	long warmupDelivered() {
		return this.warmupDelivered.get();
	}

	long stray() {
		return this.stray.get();
	}

	long lastReceive() {
		return this.lastReceive.get();
	}

	synchronized int rejectedCount() {
		int count = 0;
		for (boolean value : this.rejected) {
			count += value ? 1 : 0;
		}
		return count;
	}

	/** Notifications the receiver should get: accepted events x fanout. */
	long expected() {
		return (long) (this.events - rejectedCount()) * this.fanout;
	}

	synchronized long lost() {
		long lost = 0;
		for (int index = 0; index < this.events; index++) {
			if (this.rejected[index]) {
				continue;
			}
			for (int sub = 0; sub < this.fanout; sub++) {
				if (this.deliveries.get(index * this.fanout + sub) == 0) {
					lost++;
				}
			}
		}
		return lost;
	}

	long duplicated() {
		long bySlot = 0;
		for (int slot = 0; slot < this.deliveries.length(); slot++) {
			bySlot += Math.max(0, this.deliveries.get(slot) - 1);
		}
		long byWebhookId = this.webhookIds.values().stream().mapToLong((count) -> count - 1).sum();
		return Math.max(bySlot, byWebhookId);
	}

	long firstScheduled() {
		return (this.events == 0) ? 0 : this.scheduled[0];
	}

	/**
	 * Publish-to-receive latencies in nanoseconds of the events whose tenant matches,
	 * sorted.
	 */
	long[] latencies(IntPredicate eventFilter) {
		long[] values = new long[this.events * this.fanout];
		int count = 0;
		for (int index = 0; index < this.events; index++) {
			if (!eventFilter.test(index)) {
				continue;
			}
			for (int sub = 0; sub < this.fanout; sub++) {
				long at = this.received.get(index * this.fanout + sub);
				if (at != 0) {
					values[count++] = at - this.scheduled[index];
				}
			}
		}
		long[] result = Arrays.copyOf(values, count);
		Arrays.sort(result);
		return result;
	}

	/**
	 * Publish-to-receive latencies by when the event was scheduled: one slice per
	 * {@code sliceNanos} from the first scheduled send, each with its latencies sorted
	 * (ns); a slice without deliveries is empty.
	 */
	List<long[]> slices(long sliceNanos) {
		long first = firstScheduled();
		int count = 0;
		for (int index = 0; index < this.events; index++) {
			count = Math.max(count, (int) ((this.scheduled[index] - first) / sliceNanos) + 1);
		}
		List<long[]> slices = new ArrayList<>(count);
		for (int slice = 0; slice < count; slice++) {
			long from = first + slice * sliceNanos;
			long to = from + sliceNanos;
			slices.add(latencies((index) -> this.scheduled[index] >= from && this.scheduled[index] < to));
		}
		return slices;
	}

	/** The wall-clock instant of one of this JVM's {@code System.nanoTime()} readings. */
	Instant instant(long nanos) {
		return this.anchorInstant.plusNanos(nanos - this.anchorNanos);
	}

	/** When slice {@code slice} of {@link #slices(long) slices(sliceNanos)} began. */
	Instant sliceStart(int slice, long sliceNanos) {
		return instant(firstScheduled() + slice * sliceNanos);
	}

	/**
	 * The {@code count} seconds of the run, by scheduled send time, with the slowest
	 * delivery, in time order: where a stall hit, to line up with the apps' and servers'
	 * logs by {@link #instant(long) wall clock}.
	 */
	List<Second> slowestSeconds(int count) {
		List<long[]> seconds = slices(1_000_000_000L);
		List<Second> all = new ArrayList<>(seconds.size());
		for (int second = 0; second < seconds.size(); second++) {
			if (seconds.get(second).length > 0) {
				all.add(new Second(sliceStart(second, 1_000_000_000L), second, seconds.get(second)));
			}
		}
		return all.stream()
			.sorted(Comparator.comparingLong(Second::max).reversed())
			.limit(count)
			.sorted(Comparator.comparingInt(Second::offset))
			.toList();
	}

	/**
	 * One second of a run: when it began, its offset from the first scheduled send (s),
	 * and its publish-to-receive latencies (ns, sorted).
	 */
	record Second(Instant from, int offset, long[] latencies) {

		long max() {
			return this.latencies[this.latencies.length - 1];
		}

	}

	static double percentileMillis(long[] sorted, double percentile) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.min(sorted.length - 1, Math.max(0, index))] / 1e6;
	}

}
