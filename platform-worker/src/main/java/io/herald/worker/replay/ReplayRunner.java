package io.herald.worker.replay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.herald.core.audit.Actor;
import io.herald.core.audit.AuditLog;
import io.herald.core.replay.ReplayExecution;
import io.herald.core.replay.ReplayExecution.Chunk;
import io.herald.core.replay.ReplayKind;
import io.herald.worker.replay.ReplayJobLeases.Counts;
import io.herald.worker.replay.ReplayJobLeases.LeasedJob;
import io.herald.worker.replay.ReplayJobLeases.Progress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.herald.worker.support.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs replay jobs, one at a time per worker instance, on its own thread: takes a lease
 * on the oldest open job, fixes its set of notifications (or, for an {@code EVENTS}
 * backfill, of stored events) once, then requeues them (or fans the events out again
 * through {@link BackfillSteps}) in chunks of at most one second's worth
 * ({@code ratePerSecond}), pacing the chunks so that live traffic keeps the dispatcher.
 * Each chunk renews the lease in the transaction that requeues and marks its items, so a
 * crash loses nothing and repeats nothing; a cancelled job or a lost lease stops the
 * runner at the next chunk. Requeued rows are found by the dispatcher's poll; nobody is
 * woken.
 */
class ReplayRunner extends BackgroundLoop {

	private static final Logger log = LoggerFactory.getLogger(ReplayRunner.class);

	private static final int MAX_CHUNK = 500;

	private static final int MAX_ERROR = 500;

	private final ReplayProperties properties;

	private final ReplayJobLeases leases;

	private final ReplayExecution execution;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final MeterRegistry meters;

	private final Counter requeued;

	private final Counter created;

	/** Null: this runner takes {@code NOTIFICATIONS} jobs only. */
	private final BackfillSteps backfill;

	private final List<ReplayKind> kinds;

	ReplayRunner(ReplayProperties properties, ReplayJobLeases leases, ReplayExecution execution, AuditLog audit,
			TransactionTemplate transactions, MeterRegistry meters) {
		this(properties, leases, execution, null, audit, transactions, meters);
	}

	ReplayRunner(ReplayProperties properties, ReplayJobLeases leases, ReplayExecution execution, BackfillSteps backfill,
			AuditLog audit, TransactionTemplate transactions, MeterRegistry meters) {
		super("herald-replay");
		this.backfill = backfill;
		this.kinds = (backfill != null) ? List.of(ReplayKind.NOTIFICATIONS, ReplayKind.EVENTS)
				: List.of(ReplayKind.NOTIFICATIONS);
		this.properties = properties;
		this.leases = leases;
		this.execution = execution;
		this.audit = audit;
		this.transactions = transactions;
		this.meters = meters;
		this.requeued = Counter.builder("herald.replay.requeued")
			.description("Notifications requeued by replay jobs")
			.register(meters);
		this.created = Counter.builder("herald.replay.created")
			.description("Notifications created by event backfill jobs")
			.register(meters);
	}

	@Override
	protected void loop() {
		while (isRunning()) {
			try {
				List<LeasedJob> claimed = this.transactions
					.execute((status) -> this.leases.claim(this.properties.lease(), this.kinds));
				if (claimed == null || claimed.isEmpty()) {
					TimeUnit.MILLISECONDS.sleep(this.properties.pollInterval().toMillis());
				}
				else {
					run(claimed.get(0));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (!isRunning()) {
					return;
				}
				log.atWarn().setCause(ex).log("Replay runner failed; trying again at the next poll");
				sleepQuietly();
			}
		}
	}

	private void run(LeasedJob job) throws InterruptedException {
		jobs("RUNNING");
		try {
			if (!job.itemsFixed()) {
				Boolean fixed = this.transactions.execute((status) -> this.leases.fixed(job, fixItems(job)));
				if (!Boolean.TRUE.equals(fixed)) {
					stopped(job);
					return;
				}
			}
			int rate = (job.ratePerSecond() != null) ? job.ratePerSecond() : this.properties.ratePerSecond();
			int chunkSize = Math.min(rate, MAX_CHUNK);
			long chunkNanos = TimeUnit.SECONDS.toNanos(1) * chunkSize / rate;
			while (isRunning()) {
				long started = System.nanoTime();
				Progress chunk = this.transactions.execute((status) -> {
					if (!this.leases.renew(job, this.properties.lease())) {
						return null;
					}
					Progress done = chunk(job, chunkSize);
					this.leases.count(job, done);
					return done;
				});
				if (chunk == null) {
					stopped(job);
					return;
				}
				this.requeued.increment(chunk.requeued());
				this.created.increment(chunk.created());
				if (chunk.processed() == 0) {
					end(job, "SUCCEEDED", null);
					return;
				}
				long rest = chunkNanos - (System.nanoTime() - started);
				if (rest > 0) {
					TimeUnit.NANOSECONDS.sleep(rest);
				}
			}
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			if (!isRunning()) {
				throw ex;
			}
			log.atError().setCause(ex).addKeyValue("job", job.id()).log("Replay job failed");
			String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			end(job, "FAILED", "internal error: " + truncate(message.lines().findFirst().orElse("")));
		}
	}

	private int fixItems(LeasedJob job) {
		return (job.kind() == ReplayKind.EVENTS) ? this.backfill.fixItems(job)
				: this.execution.fixItems(job.id(), job.tenantId(), job.criteria());
	}

	private Progress chunk(LeasedJob job, int limit) {
		if (job.kind() == ReplayKind.EVENTS) {
			return this.backfill.chunk(job, limit);
		}
		Chunk done = this.execution.requeueChunk(job.id(), limit, job.newMessageId());
		return new Progress(done.processed(), done.requeued(), 0, done.skipped());
	}

	private void end(LeasedJob job, String status, String error) {
		this.transactions.executeWithoutResult((tx) -> {
			List<Counts> counts = this.leases.finish(job, status, error);
			if (counts.isEmpty()) {
				return;
			}
			Counts c = counts.get(0);
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("status", status);
			details.put("createdBy", job.requestedBy());
			details.put("matched", c.matched());
			details.put("processed", c.processed());
			if (job.kind() == ReplayKind.EVENTS) {
				details.put("kind", job.kind().name());
				details.put("created", c.created());
			}
			else {
				details.put("requeued", c.requeued());
			}
			details.put("skipped", c.skipped());
			if (error != null) {
				details.put("error", error);
			}
			this.audit.append(Actor.SYSTEM, job.tenantId(), "replay.finished", "replay_job", job.id().toString(),
					details);
		});
		jobs(status);
		log.atInfo().addKeyValue("job", job.id()).addKeyValue("status", status).log("Replay job ended");
	}

	/** Cancelled (audited by whoever cancelled) or taken over by another runner. */
	private void stopped(LeasedJob job) {
		String status = this.leases.status(job);
		log.atInfo().addKeyValue("job", job.id()).addKeyValue("status", status).log("Replay job stopped");
		jobs("CANCELLED".equals(status) ? status : "LEASE_LOST");
	}

	private void jobs(String status) {
		this.meters.counter("herald.replay.jobs", "status", status).increment();
	}

	private void sleepQuietly() {
		try {
			TimeUnit.MILLISECONDS.sleep(this.properties.pollInterval().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String truncate(String text) {
		return (text.length() <= MAX_ERROR) ? text : text.substring(0, MAX_ERROR) + "…";
	}

}
