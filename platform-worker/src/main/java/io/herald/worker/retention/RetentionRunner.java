package io.herald.worker.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.herald.core.notification.NotificationStatus;
import io.herald.worker.retention.RetentionBatches.Batch;
import io.herald.worker.retention.RetentionBatches.EventCursor;
import io.herald.worker.retention.RetentionBatches.NotificationCursor;
import io.herald.worker.support.BackgroundLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Keeps the event log and the outbox bounded (decision 0087): every
 * {@code herald.retention.interval} a pass deletes, batch by batch, the notifications
 * that reached a final status longer ago than their retention ({@code SENT} and
 * {@code SUPPRESSED}: {@code finished-notifications}; {@code FAILED} and {@code DEAD}:
 * {@code failed-notifications}) with their attempts, then the events older than
 * {@code events} that no notification refers to any more. {@code PENDING},
 * {@code SENDING} and {@code RETRYING} rows are never deleted, nor is the audit log.
 * Counts go to {@code herald.retention.deleted} (tag {@code table}) and to one log line
 * per pass.
 */
class RetentionRunner extends BackgroundLoop {

	private static final Logger log = LoggerFactory.getLogger(RetentionRunner.class);

	private static final List<NotificationStatus> FINISHED = List.of(NotificationStatus.SENT,
			NotificationStatus.SUPPRESSED);

	private static final List<NotificationStatus> FAILED = List.of(NotificationStatus.FAILED, NotificationStatus.DEAD);

	private final RetentionProperties properties;

	private final RetentionBatches batches;

	private final Clock clock;

	private final Map<String, Counter> deleted;

	RetentionRunner(RetentionProperties properties, RetentionBatches batches, Clock clock, MeterRegistry meters) {
		super("herald-retention");
		this.properties = properties;
		this.batches = batches;
		this.clock = clock;
		this.deleted = new HashMap<>();
		for (String table : Deleted.NONE.byTable().keySet()) {
			this.deleted.put(table,
					Counter.builder("herald.retention.deleted")
						.description("Rows deleted by the retention job")
						.tag("table", table)
						.register(meters));
		}
	}

	@Override
	protected void loop() {
		if (!this.properties.enabled()) {
			log.info("Retention: disabled (herald.retention.enabled=false), nothing is deleted by this instance");
			return;
		}
		while (isRunning()) {
			try {
				runPass();
			}
			catch (RuntimeException ex) {
				if (!isRunning()) {
					return;
				}
				log.atWarn().setCause(ex).log("Retention pass failed; trying again at the next interval");
			}
			try {
				TimeUnit.MILLISECONDS.sleep(this.properties.interval().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * One pass: batches until nothing past its age is left, another worker holds the
	 * lock, or the worker stops.
	 * @return what the pass deleted; nothing when retention is disabled
	 */
	Deleted runPass() {
		if (!this.properties.enabled()) {
			return Deleted.NONE;
		}
		Instant now = this.clock.instant();
		Map<NotificationStatus, Instant> cutoffs = new EnumMap<>(NotificationStatus.class);
		FINISHED.forEach((status) -> cutoffs.put(status, now.minus(this.properties.finishedNotifications())));
		FAILED.forEach((status) -> cutoffs.put(status, now.minus(this.properties.failedNotifications())));
		long started = System.nanoTime();
		Deleted total = Deleted.NONE;
		boolean busy = false;
		for (Map.Entry<NotificationStatus, Instant> cutoff : cutoffs.entrySet()) {
			Step step = drain(NotificationCursor.START, (after) -> this.batches.notifications(cutoff.getKey(),
					cutoff.getValue(), after, this.properties.batchSize()));
			total = total.plus(step.deleted());
			busy = step.busy();
			if (busy) {
				break;
			}
		}
		if (!busy) {
			Instant eventCutoff = now.minus(this.properties.events());
			Step step = drain(EventCursor.START,
					(after) -> this.batches.events(eventCutoff, after, this.properties.batchSize()));
			total = total.plus(step.deleted());
			busy = step.busy();
		}
		logPass(total, busy, Duration.ofNanos(System.nanoTime() - started));
		return total;
	}

	/**
	 * Batches from the start of one walk to the cut-off; stops early when another worker
	 * holds the lock or this runner is stopped (stop() interrupts its thread).
	 */
	private <C> Step drain(C start, Function<C, Optional<Batch<C>>> batches) {
		Deleted sum = Deleted.NONE;
		C after = start;
		while (!Thread.currentThread().isInterrupted()) {
			Optional<Batch<C>> batch = batches.apply(after);
			if (batch.isEmpty()) {
				return new Step(sum, true);
			}
			sum = sum.plus(batch.get().deleted());
			count(batch.get().deleted());
			after = batch.get().next();
			if (batch.get().scanned() < this.properties.batchSize()) {
				break;
			}
		}
		return new Step(sum, false);
	}

	private void count(Deleted batch) {
		batch.byTable().forEach((table, rows) -> this.deleted.get(table).increment(rows));
	}

	private void logPass(Deleted total, boolean busy, Duration took) {
		LoggingEventBuilder line = log.atInfo();
		for (Map.Entry<String, Long> table : total.byTable().entrySet()) {
			line = line.addKeyValue(table.getKey(), table.getValue());
		}
		line.addKeyValue("busy", busy)
			.addKeyValue("tookMs", took.toMillis())
			.log("Retention pass: deleted {} notifications ({} attempts), {} events ({} fan-out decisions) in {} ms{}",
					total.notifications(), total.attempts(), total.events(), total.fanouts(), took.toMillis(),
					busy ? "; another worker holds the retention lock, it goes on" : "");
	}

	private record Step(Deleted deleted, boolean busy) {
	}

}
