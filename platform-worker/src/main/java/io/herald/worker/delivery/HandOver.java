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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.ToIntFunction;

import io.herald.worker.fanout.NotificationsQueued.Queued;

/**
 * Notifications handed over in memory after the fan-out that created them committed,
 * waiting for the dispatcher to claim them by id. Arrivals come from any thread (a
 * bounded queue: what does not fit is found by a claim of due rows); everything else is
 * the dispatcher loop's (synchronized all the same: stopping clears it from another
 * thread).
 * <p>
 * Rows that a claim of due rows took are {@link #forget forgotten}: that claim takes the
 * oldest due rows, the same ones that wait longest here, and asking for them again by id
 * would cost a claim that finds nothing (with a backlog, most by-id claims did: 1,611 of
 * 20,000 rows in 259 claims of 10 ms each, before this class).
 */
final class HandOver {

	private final int capacity;

	private final BlockingQueue<Queued> arrivals;

	/** Per tenant, in the order they were handed over; tenants in order of arrival. */
	private final Map<UUID, LinkedHashSet<UUID>> waiting = new LinkedHashMap<>();

	/** The tenant of each waiting row. */
	private final Map<UUID, UUID> tenantOf = new HashMap<>();

	HandOver(int capacity) {
		this.capacity = capacity;
		this.arrivals = new ArrayBlockingQueue<>(capacity);
	}

	/**
	 * Any thread: a committed notification to claim by id.
	 * @return false when full (the row stays for a claim of due rows)
	 */
	boolean offer(Queued notification) {
		return this.arrivals.offer(notification);
	}

	/**
	 * Up to {@code wanted} ids of waiting rows, removed from here, shared between the
	 * tenants in turns (every tenant's oldest row before any tenant's second, as in a
	 * claim of due rows); a tenant's rows beyond its room keep waiting. Costs what it
	 * takes plus one look per waiting tenant, however many rows wait.
	 * @param room how many more sends each tenant may start now
	 */
	synchronized List<UUID> take(int wanted, ToIntFunction<UUID> room) {
		drainArrivals();
		if (this.waiting.isEmpty() || wanted <= 0) {
			return List.of();
		}
		List<Turns> turns = new ArrayList<>();
		for (Map.Entry<UUID, LinkedHashSet<UUID>> tenant : this.waiting.entrySet()) {
			int left = Math.min(room.applyAsInt(tenant.getKey()), tenant.getValue().size());
			if (left > 0) {
				turns.add(new Turns(tenant.getValue().iterator(), left));
			}
		}
		List<UUID> ids = new ArrayList<>(Math.min(wanted, this.tenantOf.size()));
		while (ids.size() < wanted && !turns.isEmpty()) {
			Iterator<Turns> each = turns.iterator();
			while (each.hasNext() && ids.size() < wanted) {
				Turns tenant = each.next();
				UUID id = tenant.rows.next();
				tenant.rows.remove();
				this.tenantOf.remove(id);
				ids.add(id);
				if (--tenant.left == 0) {
					each.remove();
				}
			}
		}
		this.waiting.values().removeIf(Set::isEmpty);
		return ids;
	}

	/** Rows claimed another way (a claim of due rows): no claim by id is needed. */
	synchronized void forget(Collection<UUID> ids) {
		drainArrivals();
		for (UUID id : ids) {
			UUID tenant = this.tenantOf.remove(id);
			if (tenant != null) {
				Set<UUID> rows = this.waiting.get(tenant);
				rows.remove(id);
				if (rows.isEmpty()) {
					this.waiting.remove(tenant);
				}
			}
		}
	}

	/** How many rows wait here (arrivals included). */
	synchronized int size() {
		return this.tenantOf.size() + this.arrivals.size();
	}

	synchronized void clear() {
		this.arrivals.clear();
		this.waiting.clear();
		this.tenantOf.clear();
	}

	private void drainArrivals() {
		int free = this.capacity - this.tenantOf.size();
		Queued next;
		while (free-- > 0 && (next = this.arrivals.poll()) != null) {
			if (this.tenantOf.putIfAbsent(next.id(), next.tenantId()) == null) {
				this.waiting.computeIfAbsent(next.tenantId(), (tenant) -> new LinkedHashSet<>()).add(next.id());
			}
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
