package io.herald.local.invariants;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes each fault's share of the events, spread evenly over the fault's window,
 * while the fault's steps run; then waits until every notification row reached its end or
 * nothing moved for the drain timeout.
 */
final class SuiteRun {

	private final InvariantOptions options;

	private final SuitePlan plan;

	private final SuiteTenants tenants;

	private final InvariantStack stack;

	private final FaultReceiver receiver;

	private final SuitePublisher publisher;

	private final AtomicInteger published = new AtomicInteger();

	private final AtomicReference<String> current = new AtomicReference<>("setup");

	/** What happened when, for the report. */
	private final List<String> timeline = new ArrayList<>();

	private final long started = System.nanoTime();

	SuiteRun(InvariantOptions options, SuitePlan plan, SuiteTenants tenants, InvariantStack stack,
			FaultReceiver receiver, SuitePublisher publisher) {
		this.options = options;
		this.plan = plan;
		this.tenants = tenants;
		this.stack = stack;
		this.receiver = receiver;
		this.publisher = publisher;
	}

	List<String> timeline() {
		return this.timeline;
	}

	void run() {
		ScheduledExecutorService ticker = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
		ticker.scheduleAtFixedRate(this::progress, 5, 5, TimeUnit.SECONDS);
		try {
			for (int index = 0; index < this.plan.faults().size(); index++) {
				runFault(index);
			}
			this.current.set("drain");
			note("all faults done; flushing the producer and draining");
			this.publisher.flush();
			drain();
		}
		finally {
			ticker.shutdownNow();
		}
	}

	private void runFault(int index) {
		Fault fault = this.plan.faults().get(index);
		this.current.set(fault.label());
		Duration window = fault.window(this.options);
		int first = this.plan.firstEvent(index);
		int end = this.plan.endEvent(index);
		note(fault.label() + ": " + (end - first) + " events over " + window.toSeconds() + " s");
		long phaseStart = System.nanoTime();
		Thread publishing = Thread.ofPlatform().name("publish-" + fault.label()).start(() -> {
			for (int n = 0; n < this.plan.poisonPerFault(); n++) {
				this.publisher.poison(this.plan.poisonId(index, n), n, this.tenants.ok());
			}
			long count = end - first;
			for (int event = first; event < end; event++) {
				long due = phaseStart + window.toNanos() * (event - first) / Math.max(1, count);
				for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
					LockSupport.parkNanos(wait);
				}
				this.publisher.event(this.plan.eventId(event),
						this.plan.doomed(event) ? this.tenants.doomed() : this.tenants.ok());
				this.published.incrementAndGet();
			}
		});
		long stepAt = System.nanoTime();
		for (Fault.Step step : fault.steps(this.options, this.stack)) {
			stepAt += step.after().toNanos();
			for (long wait = stepAt - System.nanoTime(); wait > 0; wait = stepAt - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			note(fault.label() + ": " + step.description());
			step.action().run();
			stepAt = System.nanoTime();
		}
		try {
			publishing.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * Waits until every expected row is in an end state and every SENT one reached the
	 * receiver, or until nothing moved for the drain timeout.
	 */
	private void drain() {
		long quietSince = System.nanoTime();
		long[] last = { -1, -1 };
		while (true) {
			long ended = endedRows();
			long accepted = this.receiver.acceptedDistinct();
			if (ended >= this.plan.events() && accepted >= ended - doomedEvents()) {
				note("drained: " + ended + " rows ended, " + accepted + " webhook-ids accepted");
				return;
			}
			if (ended != last[0] || accepted != last[1]) {
				last[0] = ended;
				last[1] = accepted;
				quietSince = System.nanoTime();
			}
			else if (System.nanoTime() - quietSince > this.options.drainTimeout().toNanos()) {
				note("drain timeout: nothing moved for " + this.options.drainTimeout().toSeconds() + " s (" + ended
						+ " rows ended, " + accepted + " webhook-ids accepted)");
				return;
			}
			LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
		}
	}

	private long doomedEvents() {
		return this.plan.events() / this.plan.doomedEvery();
	}

	/**
	 * Rows of the suite's tenants in an end state; -1 while PostgreSQL does not answer.
	 */
	long endedRows() {
		try (Connection connection = DriverManager.getConnection(this.stack.jdbcUrl(), this.stack.jdbcUser(), "");
				PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM notification"
						+ " WHERE tenant_id IN (?, ?) AND status IN ('SENT', 'DEAD', 'FAILED', 'SUPPRESSED')")) {
			query.setQueryTimeout(5);
			query.setObject(1, this.tenants.ok());
			query.setObject(2, this.tenants.doomed());
			try (ResultSet result = query.executeQuery()) {
				result.next();
				return result.getLong(1);
			}
		}
		catch (SQLException ex) {
			return -1;
		}
	}

	private void progress() {
		System.out.printf(
				"[%4ds %s] published %,d/%,d  accepted %,d webhook-ids  503 %,d  timeouts %,d  doomed 500 %,d%n",
				elapsedSeconds(), this.current.get(), this.published.get(), this.plan.events(),
				this.receiver.acceptedDistinct(), this.receiver.refused(), this.receiver.timedOut(),
				this.receiver.doomedAnswers());
	}

	private void note(String line) {
		String entry = String.format("%4d s  %s", elapsedSeconds(), line);
		synchronized (this.timeline) {
			this.timeline.add(entry);
		}
		System.out.println("== " + entry);
	}

	private long elapsedSeconds() {
		return (System.nanoTime() - this.started) / 1_000_000_000L;
	}

}
