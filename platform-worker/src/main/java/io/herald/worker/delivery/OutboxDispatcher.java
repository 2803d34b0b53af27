package io.herald.worker.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.herald.core.notification.NotificationStatus;
import io.herald.worker.fanout.HandOverRoom;
import io.herald.worker.fanout.NotificationsQueued;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The outbox dispatch loop of one worker instance. It claims due rows (never more than it
 * has free senders; shared fairly between tenants, and none for a tenant that already has
 * {@code max-in-flight-per-tenant} sends running here; a send counts until it returns,
 * not until its attempt is recorded, decision 0103), sends each on a virtual thread, and
 * sleeps until a commit of new notifications wakes it, a retry it scheduled falls due, or
 * the poll interval passes. Several instances share the outbox safely: claims use
 * {@code FOR UPDATE SKIP LOCKED} and every row is leased; while a row's send runs, its
 * lease is renewed every third of the lease, so it cannot run out under a slow send.
 * <p>
 * Notifications that fan-out created here are handed over in memory after its commit (a
 * bounded queue) before any claim of due rows, which saves that claim's search. Most are
 * created claimed for this dispatcher (decision 0105: {@code SENDING}, first attempt
 * counted, leased; up to twice its senders at a time, see {@link #claimable()}) and are
 * sent as they are, their leases renewed while they wait; the others are PENDING and
 * claimed by id. The outbox stays the source of truth: what does not fit in the queue, or
 * what a dying process held there, is found by the next claim of due rows (or of expired
 * leases), and the claim by id leaves out whatever another claim took meanwhile.
 * <p>
 * A claim of due rows runs once per poll interval, and between polls only when rows may
 * be due that the hand-over does not hold: a retry this instance scheduled fell due, the
 * full hand-over turned rows away, a claim by id found fewer rows than it asked for, or
 * the last such claim found rows (a backlog). Each of these names its tenants, and the
 * claim runs only while one of them is below its cap of sends in flight: a claim that
 * would leave out every tenant it is for finds nothing (a tenant at its cap has its rows
 * claimed when a send of its ends). A wake-up for handed-over rows alone does not run
 * one: an empty claim of due rows cost PostgreSQL about 2.5 ms, mostly planning
 * (decisions 0096, 0102). Every turn takes from the hand-over, the turn of a poll
 * included (after its claim of due rows): rows created claimed can be found nowhere else.
 */
public class OutboxDispatcher implements SmartLifecycle, HandOverRoom {

	private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

	// A retry timer fires this much after the row's due time, so the claim finds it due.
	private static final Duration TIMER_MARGIN = Duration.ofMillis(20);

	private static final long PERMIT_WAIT_MS = 200;

	static final int HANDOFF_CAPACITY = 10_000;

	private final DeliveryProperties properties;

	private final OutboxClaims claims;

	private final NotificationDelivery delivery;

	private final DeliveryMetrics metrics;

	private final Semaphore senders;

	private final Semaphore wakeUps = new Semaphore(0);

	/**
	 * Tenants that may have due rows the hand-over does not hold (see the class comment):
	 * a claim of due rows runs for them once one of them is below its cap.
	 */
	private final Set<UUID> dueFor = ConcurrentHashMap.newKeySet();

	/** Rows of any tenant may be due that the hand-over does not hold. */
	private final AtomicBoolean dueForAny = new AtomicBoolean(true);

	private final AtomicLong claimed = new AtomicLong();

	private final AtomicLong claimedByHandoff = new AtomicLong();

	private final AtomicLong createdClaimed = new AtomicLong();

	private final AtomicLong dueClaims = new AtomicLong();

	/** Filled after fan-out commits, claimed by id or sent as created claimed. */
	private final HandOver handOver;

	/** Rows being sent here now, by id, with their tenant. */
	private final Map<UUID, UUID> inFlight = new ConcurrentHashMap<>();

	private final Map<UUID, AtomicInteger> inFlightPerTenant = new ConcurrentHashMap<>();

	private volatile boolean running;

	private volatile long lastReclaimNanos;

	private long lastDueClaimNanos;

	private Thread loop;

	private ExecutorService executor;

	private ScheduledExecutorService timers;

	OutboxDispatcher(DeliveryProperties properties, OutboxClaims claims, NotificationDelivery delivery,
			DeliveryMetrics metrics) {
		this.properties = properties;
		this.claims = claims;
		this.delivery = delivery;
		this.metrics = metrics;
		this.senders = new Semaphore(properties.concurrency());
		this.handOver = new HandOver(HANDOFF_CAPACITY, properties.lease().toNanos() / 3);
	}

	/**
	 * Rows fan-out may create claimed for this dispatcher now (decision 0105): up to
	 * twice its senders wait here claimed at any time, so that a crash leaves no more
	 * than that many rows to wait for their lease; the rest are created PENDING and
	 * claimed by id.
	 */
	@Override
	public int claimable() {
		if (!this.running) {
			return 0;
		}
		int claimedLimit = 2 * this.properties.concurrency();
		return Math.max(0,
				Math.min(HANDOFF_CAPACITY - this.handOver.size(), claimedLimit - this.handOver.claimedCount()));
	}

	@Override
	public Duration lease() {
		return this.properties.lease();
	}

	/** Fan-out committed new notifications: look at once instead of at the next poll. */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onNotificationsQueued(NotificationsQueued queued) {
		List<NotificationsQueued.Queued> notifications = queued.notifications();
		long leaseEnds = queued.leasedAtNanos() + this.properties.lease().toNanos();
		List<UUID> unwanted = new ArrayList<>();
		for (NotificationsQueued.Queued notification : notifications) {
			if (notification.claimed() == null) {
				if (!this.handOver.offer(notification)) {
					// full: the claim of due rows finds it
					this.dueFor.add(notification.tenantId());
				}
			}
			else if (this.running) {
				this.handOver.offerClaimed(claimedRow(notification), leaseEnds);
			}
			else {
				unwanted.add(notification.id());
			}
		}
		release(unwanted);
		wake();
	}

	void wake() {
		this.wakeUps.release();
	}

	private static ClaimedNotification claimedRow(NotificationsQueued.Queued queued) {
		NotificationsQueued.Claimed row = queued.claimed();
		return new ClaimedNotification(queued.id(), queued.tenantId(), row.eventId(), row.eventType(),
				row.subscriptionId(), row.channel(), row.recipient(), row.address(), row.subject(), row.body(), 1,
				row.endpoint(), row.encryptedSigningSecret(), row.dataJson());
	}

	/**
	 * Rows created claimed for this dispatcher that it will not send (it stopped): back
	 * to PENDING for any worker's claim; what this misses waits for its lease.
	 */
	private void release(List<UUID> ids) {
		if (ids.isEmpty()) {
			return;
		}
		try {
			this.claims.release(ids);
		}
		catch (RuntimeException ex) {
			log.atWarn()
				.addKeyValue("rows", ids.size())
				.setCause(ex)
				.log("Could not release rows created claimed; they are resent once their lease runs out");
		}
	}

	/**
	 * Wakes the loop for a claim of due rows before the next poll, for rows of this
	 * tenant.
	 */
	private void wakeForDue(UUID tenant) {
		this.dueFor.add(tenant);
		wake();
	}

	/** How many rows this instance has claimed since it started (due and reclaimed). */
	long claimedCount() {
		return this.claimed.get();
	}

	/**
	 * How many claims of due rows it has run (polls, and claims for a reason between).
	 */
	long dueClaimCount() {
		return this.dueClaims.get();
	}

	/**
	 * How many rows it took from the hand-over (claimed by id, or created claimed) since
	 * it started.
	 */
	long claimedByHandoffCount() {
		return this.claimedByHandoff.get();
	}

	/** How many of them were created claimed and sent without a claim (decision 0105). */
	long createdClaimedCount() {
		return this.createdClaimed.get();
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.lastReclaimNanos = System.nanoTime() - this.properties.pollInterval().toNanos();
		// the first claim of due rows runs at once anyway: nothing was handed over yet
		this.lastDueClaimNanos = System.nanoTime();
		this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("herald-delivery-", 0).factory());
		this.timers = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("herald-dispatcher-timer").factory());
		long renewEvery = Math.max(1, this.properties.lease().toMillis() / 3);
		this.timers.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
		this.loop = Thread.ofPlatform().daemon().name("herald-dispatcher").start(this::run);
		log.atInfo()
			.addKeyValue("concurrency", this.properties.concurrency())
			.addKeyValue("pollInterval", this.properties.pollInterval())
			.log("Outbox dispatcher started");
	}

	/** Stops claiming, then waits for in-flight sends to be recorded. */
	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		release(this.handOver.clear());
		wake();
		this.timers.shutdownNow();
		try {
			this.loop.join(this.properties.shutdownTimeout().toMillis());
			int concurrency = this.properties.concurrency();
			if (!this.senders.tryAcquire(concurrency, this.properties.shutdownTimeout().toMillis(),
					TimeUnit.MILLISECONDS)) {
				log.warn("Stopped with sends still in flight; their leases expire and another worker resends them");
			}
			else {
				this.senders.release(concurrency);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor.shutdown();
		// the loop has ended: what was handed over and not claimed stays PENDING for a
		// claim of due rows, and what was created claimed is released
		release(this.handOver.clear());
		log.info("Outbox dispatcher stopped");
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		while (this.running) {
			try {
				reclaimExpiredLeases();
				if (!dispatchBatch()) {
					awaitWork(this.properties.pollInterval());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.atWarn().setCause(ex).log("Outbox dispatch failed; trying again at the next poll");
				try {
					awaitWork(this.properties.pollInterval());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/**
	 * Claims as many due rows as there are free senders, up to a batch, and hands them
	 * out.
	 * @return whether more rows may be due right now
	 */
	private boolean dispatchBatch() throws InterruptedException {
		if (!this.senders.tryAcquire(PERMIT_WAIT_MS, TimeUnit.MILLISECONDS)) {
			return this.running;
		}
		int wanted = 1;
		while (wanted < this.properties.batchSize() && this.senders.tryAcquire()) {
			wanted++;
		}
		List<ClaimedNotification> rows;
		try {
			// handed-over rows first, but a claim of due rows (retries, other tenants,
			// what did not fit in the queue) at least once per poll interval
			long now = System.nanoTime();
			boolean pollDue = now - this.lastDueClaimNanos >= this.properties.pollInterval().toNanos();
			rows = (this.running && !pollDue) ? claimHandedOff(wanted) : List.of();
			if (rows.isEmpty() && this.running) {
				Set<UUID> saturated = saturatedTenants();
				boolean forAny = pollDue || this.dueForAny.get();
				if (forAny || !saturated.containsAll(this.dueFor)) {
					// cleared before the claim: what is added from now on, it may miss;
					// the tenants it leaves out stay (or, for a claim for any tenant,
					// become) tenants to claim for once a send of theirs ends
					this.dueForAny.set(false);
					this.dueFor.removeIf((tenant) -> !saturated.contains(tenant));
					if (forAny) {
						this.dueFor.addAll(saturated);
					}
					this.lastDueClaimNanos = now;
					this.dueClaims.incrementAndGet();
					rows = this.claims.claimDue(wanted, this.properties.lease(), saturated);
					this.handOver.forget(rows.stream().map(ClaimedNotification::id).toList());
					// a backlog: these tenants may have more due
					rows.forEach((row) -> this.dueFor.add(row.tenantId()));
				}
			}
			if (pollDue && this.running && rows.size() < wanted) {
				// rows created claimed are found in the hand-over alone: never skip it
				// for a whole turn (a tenant's sends that ended during a poll's turn
				// would wake nothing else)
				List<ClaimedNotification> handedOff = claimHandedOff(wanted - rows.size());
				if (!handedOff.isEmpty()) {
					rows = new ArrayList<>(rows);
					rows.addAll(handedOff);
				}
			}
		}
		catch (RuntimeException ex) {
			this.dueForAny.set(true);
			this.senders.release(wanted);
			throw ex;
		}
		this.senders.release(wanted - rows.size());
		this.claimed.addAndGet(rows.size());
		rows.forEach((row) -> this.metrics.entered(NotificationStatus.SENDING, row.channel(), 1));
		rows.forEach(this::submit);
		// a fair claim may bring fewer rows than wanted while more are due
		return !rows.isEmpty();
	}

	/**
	 * Claims up to {@code wanted} of the rows handed over in memory, none of a tenant at
	 * its cap of sends in flight (those keep waiting in {@link #handOver}). As in a claim
	 * of due rows, the cap is checked per claim: a tenant below it may get a whole claim,
	 * so claims stay large (per row, a claim of ~99 rows cost PostgreSQL half what one of
	 * ~20 did, decision 0094) and the cap still keeps one tenant from holding every
	 * sender.
	 */
	private List<ClaimedNotification> claimHandedOff(int wanted) {
		int cap = this.properties.maxInFlightPerTenant();
		HandOver.Taken taken = this.handOver.take(wanted, (tenant) -> {
			AtomicInteger inFlight = this.inFlightPerTenant.get(tenant);
			return (inFlight == null || inFlight.get() < cap) ? wanted : 0;
		});
		if (taken.dropped() > 0) {
			// their lease could not be renewed for a while: the claim of expired leases
			// takes them over
			log.atWarn()
				.addKeyValue("rows", taken.dropped())
				.log("Rows created claimed waited past their lease's margin; left to the claim of expired leases");
		}
		if (taken.isEmpty()) {
			return List.of();
		}
		List<ClaimedNotification> rows = new ArrayList<>(taken.claimed());
		this.createdClaimed.addAndGet(rows.size());
		List<UUID> ids = taken.toClaim();
		if (!ids.isEmpty()) {
			List<ClaimedNotification> claimedById;
			try {
				claimedById = this.claims.claimHandedOff(ids, this.properties.lease());
			}
			catch (RuntimeException ex) {
				// the rows created claimed taken with them are sent all the same (they
				// are in no other list), and so are the rows of a poll's claim of due
				// rows in the same turn; these stay PENDING for a claim of due rows
				log.atWarn().setCause(ex).log("Could not claim handed-over rows by id; a claim of due rows finds them");
				claimedById = List.of();
			}
			if (claimedById.size() < ids.size()) {
				// taken by another claim, or not due yet by the database's clock: leave
				// the rest to a claim of due rows
				this.dueForAny.set(true);
			}
			rows.addAll(claimedById);
		}
		this.claimedByHandoff.addAndGet(rows.size());
		return rows;
	}

	private Set<UUID> saturatedTenants() {
		int cap = this.properties.maxInFlightPerTenant();
		Set<UUID> saturated = new HashSet<>();
		this.inFlightPerTenant.forEach((tenant, count) -> {
			if (count.get() >= cap) {
				saturated.add(tenant);
			}
		});
		return saturated;
	}

	private void renewLeases() {
		try {
			long started = System.nanoTime();
			List<UUID> waiting = this.handOver.claimedIds();
			List<UUID> ids = new ArrayList<>(this.inFlight.keySet());
			ids.addAll(waiting);
			this.claims.extend(ids, this.properties.lease());
			this.handOver.leased(waiting, started + this.properties.lease().toNanos());
		}
		catch (RuntimeException ex) {
			log.atWarn().setCause(ex).log("Could not renew the leases of rows being sent; trying again");
		}
	}

	private void reclaimExpiredLeases() {
		long now = System.nanoTime();
		if (now - this.lastReclaimNanos < this.properties.pollInterval().toNanos()) {
			return;
		}
		this.lastReclaimNanos = now;
		List<ClaimedNotification> expired = this.claims.claimExpired(this.properties.batchSize(),
				this.properties.lease());
		this.claimed.addAndGet(expired.size());
		// Recording a lost attempt needs no sender; it makes the row due again (or DEAD).
		expired.forEach((row) -> this.delivery.recordLost(row).whenComplete((delay, ex) -> {
			if (ex != null) {
				log.atWarn()
					.addKeyValue("notification", row.id())
					.setCause(ex)
					.log("Could not record a lost attempt; the row is reclaimed again after its lease");
			}
			else {
				scheduleWake(delay, row.tenantId());
			}
		}));
	}

	private void submit(ClaimedNotification row) {
		this.inFlight.put(row.id(), row.tenantId());
		this.inFlightPerTenant.computeIfAbsent(row.tenantId(), (tenant) -> new AtomicInteger()).incrementAndGet();
		this.executor.execute(() -> {
			try {
				scheduleWake(this.delivery.deliver(row, () -> sendEnded(row.tenantId())), row.tenantId());
			}
			catch (RuntimeException ex) {
				log.atError()
					.addKeyValue("tenant", row.tenantId())
					.addKeyValue("notification", row.id())
					.setCause(ex)
					.log("Could not record a delivery attempt; the lease expires and the row is resent");
			}
			finally {
				// the row stays in flight (its lease extended) until its attempt is
				// recorded, and holds a sender so that unrecorded attempts stay bounded
				this.inFlight.remove(row.id());
				this.senders.release();
			}
		});
	}

	/**
	 * A send of the tenant returned: the cap counts sends, not attempts waiting for the
	 * recorder's next commit (decision 0103), so the tenant may take another row now.
	 */
	private void sendEnded(UUID tenant) {
		int[] left = { 0 };
		this.inFlightPerTenant.computeIfPresent(tenant, (key, count) -> {
			left[0] = count.decrementAndGet();
			return (left[0] <= 0) ? null : count;
		});
		if (left[0] == this.properties.maxInFlightPerTenant() - 1) {
			// the tenant was at its cap: its handed-over rows, and those a claim of due
			// rows left out (dueFor), can be claimed now rather than at the next poll
			wake();
		}
	}

	// A retry due before the next poll gets a timer, so short delays are kept precisely.
	private void scheduleWake(Optional<Duration> delay, UUID tenant) {
		delay.filter((due) -> due.compareTo(this.properties.pollInterval()) < 0)
			.filter((due) -> this.running)
			.ifPresent((due) -> {
				try {
					this.timers.schedule(() -> wakeForDue(tenant), due.plus(TIMER_MARGIN).toMillis(),
							TimeUnit.MILLISECONDS);
				}
				catch (java.util.concurrent.RejectedExecutionException ex) {
					// stopping: the next worker's poll picks the row up
				}
			});
	}

	private void awaitWork(Duration timeout) throws InterruptedException {
		if (this.wakeUps.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			this.wakeUps.drainPermits();
		}
	}

}
