package io.herald.worker.delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

import io.herald.worker.fanout.NotificationsQueued.Queued;

/**
 * Notifications handed over in memory after the fan-out that created them committed,
 * waiting for the dispatcher: PENDING rows to claim by id, and rows created claimed
 * (decision 0105), ready to send. Arrivals come from any thread; everything else is the
 * dispatcher loop's (synchronized all the same: stopping clears it from another thread).
 * PENDING rows are bounded by the capacity (what does not fit is found by a claim of due
 * rows); rows created claimed are never refused (fan-out asked for room first, see
 * {@link #claimedCount}).
 * <p>
 * Rows that a claim of due rows took are {@link #forget forgotten}: that claim takes the
 * oldest due rows, the same ones that wait longest here, and asking for them again by id
 * would cost a claim that finds nothing (with a backlog, most by-id claims did: 1,611 of
 * 20,000 rows in 259 claims of 10 ms each, before this class).
 * <p>
 * A row created claimed is leased: it is only handed out while its lease has at least
 * {@code leaseMargin} left (renewals move it on, see {@link #leased}); one whose renewals
 * failed that long is dropped here and left to the claim of expired leases.
 */
final class HandOver {

	private final int capacity;

	private final long leaseMarginNanos;

	private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();

	/** Rows here, arrivals included. */
	private final AtomicInteger held = new AtomicInteger();

	/** Rows created claimed here, arrivals included. */
	private final AtomicInteger claimedHeld = new AtomicInteger();

	/** Per tenant, in the order they were handed over; tenants in order of arrival. */
	private final Map<UUID, LinkedHashSet<UUID>> waiting = new LinkedHashMap<>();

	/** The tenant of each waiting row. */
	private final Map<UUID, UUID> tenantOf = new HashMap<>();

	/** The waiting rows created claimed: ready to send, with their lease. */
	private final Map<UUID, Ready> ready = new HashMap<>();

	HandOver(int capacity) {
		this(capacity, 0);
	}

	HandOver(int capacity, long leaseMarginNanos) {
		this.capacity = capacity;
		this.leaseMarginNanos = leaseMarginNanos;
	}

	/**
	 * Any thread: a committed PENDING notification to claim by id.
	 * @return false when full (the row stays for a claim of due rows)
	 */
	boolean offer(Queued notification) {
		if (this.held.incrementAndGet() > this.capacity) {
			this.held.decrementAndGet();
			return false;
		}
		this.arrivals.add(new Arrival(notification.id(), notification.tenantId(), null, 0));
		return true;
	}

	/**
	 * Any thread: a committed notification created claimed, ready to send.
	 * @param leaseEndsNanos when its lease ends by {@link System#nanoTime()} (or earlier)
	 */
	void offerClaimed(ClaimedNotification row, long leaseEndsNanos) {
		this.held.incrementAndGet();
		this.claimedHeld.incrementAndGet();
		this.arrivals.add(new Arrival(row.id(), row.tenantId(), row, leaseEndsNanos));
	}

	/**
	 * Up to {@code wanted} waiting rows, removed from here, shared between the tenants in
	 * turns (every tenant's oldest row before any tenant's second, as in a claim of due
	 * rows); a tenant's rows beyond its room keep waiting. Costs what it takes plus one
	 * look per waiting tenant, however many rows wait.
	 * @param room how many more sends each tenant may start now
	 */
	synchronized Taken take(int wanted, ToIntFunction<UUID> room) {
		drainArrivals();
		if (this.waiting.isEmpty() || wanted <= 0) {
			return Taken.NONE;
		}
		List<Turns> turns = new ArrayList<>();
		for (Map.Entry<UUID, LinkedHashSet<UUID>> tenant : this.waiting.entrySet()) {
			int left = Math.min(room.applyAsInt(tenant.getKey()), tenant.getValue().size());
			if (left > 0) {
				turns.add(new Turns(tenant.getValue().iterator(), left));
			}
		}
		long now = System.nanoTime();
		List<UUID> toClaim = new ArrayList<>();
		List<ClaimedNotification> claimed = new ArrayList<>();
		int dropped = 0;
		while (toClaim.size() + claimed.size() < wanted && !turns.isEmpty()) {
			Iterator<Turns> each = turns.iterator();
			while (each.hasNext() && toClaim.size() + claimed.size() < wanted) {
				Turns tenant = each.next();
				UUID id = tenant.rows.next();
				tenant.rows.remove();
				this.tenantOf.remove(id);
				this.held.decrementAndGet();
				Ready row = this.ready.remove(id);
				if (row == null) {
					toClaim.add(id);
				}
				else {
					this.claimedHeld.decrementAndGet();
					if (row.leaseEndsNanos - now > this.leaseMarginNanos) {
						claimed.add(row.row);
					}
					else {
						dropped++;
					}
				}
				if (--tenant.left == 0) {
					each.remove();
				}
			}
		}
		this.waiting.values().removeIf(Set::isEmpty);
		return new Taken(toClaim, claimed, dropped);
	}

	/** Rows claimed another way (a claim of due rows): no claim by id is needed. */
	synchronized void forget(Collection<UUID> ids) {
		drainArrivals();
		for (UUID id : ids) {
			UUID tenant = this.tenantOf.get(id);
			if (tenant != null && !this.ready.containsKey(id)) {
				this.tenantOf.remove(id);
				this.held.decrementAndGet();
				Set<UUID> rows = this.waiting.get(tenant);
				rows.remove(id);
				if (rows.isEmpty()) {
					this.waiting.remove(tenant);
				}
			}
		}
	}

	/** The ids of the waiting rows created claimed, whose leases are to be renewed. */
	synchronized List<UUID> claimedIds() {
		drainArrivals();
		return List.copyOf(this.ready.keySet());
	}

	/**
	 * These rows' leases were renewed: they now end no earlier than {@code endsNanos}.
	 */
	synchronized void leased(Collection<UUID> ids, long endsNanos) {
		drainArrivals();
		for (UUID id : ids) {
			Ready row = this.ready.get(id);
			if (row != null && endsNanos > row.leaseEndsNanos) {
				row.leaseEndsNanos = endsNanos;
			}
		}
	}

	/** How many rows wait here (arrivals included). */
	int size() {
		return this.held.get();
	}

	/** How many of them were created claimed. */
	int claimedCount() {
		return this.claimedHeld.get();
	}

	/**
	 * Empties this hand-over.
	 * @return the ids of the rows created claimed that waited here: leased to this
	 * process, they are to be released
	 */
	synchronized List<UUID> clear() {
		drainArrivals();
		List<UUID> claimed = List.copyOf(this.ready.keySet());
		this.held.addAndGet(-this.tenantOf.size());
		this.claimedHeld.addAndGet(-claimed.size());
		this.waiting.clear();
		this.tenantOf.clear();
		this.ready.clear();
		return claimed;
	}

	private void drainArrivals() {
		Arrival next;
		while ((next = this.arrivals.poll()) != null) {
			if (this.tenantOf.putIfAbsent(next.id(), next.tenantId()) == null) {
				this.waiting.computeIfAbsent(next.tenantId(), (tenant) -> new LinkedHashSet<>()).add(next.id());
				if (next.claimed() != null) {
					this.ready.put(next.id(), new Ready(next.claimed(), next.leaseEndsNanos()));
				}
			}
			else {
				// the same row twice: counted once
				this.held.decrementAndGet();
				if (next.claimed() != null) {
					this.claimedHeld.decrementAndGet();
				}
			}
		}
	}

	/**
	 * What a take handed out.
	 *
	 * @param toClaim PENDING rows, to claim by id
	 * @param claimed rows created claimed, to send as they are
	 * @param dropped rows created claimed whose lease was too close to its end: left to
	 * the claim of expired leases
	 */
	record Taken(List<UUID> toClaim, List<ClaimedNotification> claimed, int dropped) {

		static final Taken NONE = new Taken(List.of(), List.of(), 0);

		/** Every row handed out: those to claim, then those created claimed. */
		List<UUID> ids() {
			List<UUID> ids = new ArrayList<>(this.toClaim);
			this.claimed.forEach((row) -> ids.add(row.id()));
			return ids;
		}

		boolean isEmpty() {
			return this.toClaim.isEmpty() && this.claimed.isEmpty();
		}

	}

	private record Arrival(UUID id, UUID tenantId, ClaimedNotification claimed, long leaseEndsNanos) {
	}

	private static final class Ready {

		private final ClaimedNotification row;

		private long leaseEndsNanos;

		Ready(ClaimedNotification row, long leaseEndsNanos) {
			this.row = row;
			this.leaseEndsNanos = leaseEndsNanos;
		}

	}

	/** One tenant's waiting rows in a take, and how many it may still get. */
	private static final class Turns {

		private final Iterator<UUID> rows;

		private int left;

		Turns(Iterator<UUID> rows, int left) {
			this.rows = rows;
			this.left = left;
		}

	}

}
