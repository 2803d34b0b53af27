package io.herald.worker.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.herald.worker.event.IngestFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Group commit of finished attempts: senders hand their results here and wait, one thread
 * records whatever queued up meanwhile in one transaction ({@link DeliveryRecorder}). The
 * busier the dispatcher, the bigger the batches; an idle one records each attempt at
 * once. When a batch fails, its attempts are recorded one by one, so that one bad row
 * cannot take the others' results with it; an attempt that still cannot be recorded fails
 * its future, its row stays SENDING until the lease runs out, and it is then reclaimed as
 * a lost attempt and resent.
 */
@Component
class AttemptBatches implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(AttemptBatches.class);

	// rows per statement stay well below PostgreSQL's 65,535 bind parameters
	static final int MAX_BATCH = 500;

	private static final long MAX_PAUSE_MS = 2_000;

	private final DeliveryRecorder recorder;

	private final Duration patience;

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

	private final Thread thread;

	private volatile boolean open = true;

	AttemptBatches(DeliveryRecorder recorder, DeliveryProperties properties) {
		this.recorder = recorder;
		this.patience = properties.recordPatience();
		this.thread = Thread.ofPlatform().daemon().name("herald-attempt-recorder").start(this::run);
	}

	/** Queues the attempt for the next batch; completes when it is committed. */
	CompletableFuture<Optional<DeliveryRecorder.Recorded>> record(DeliveryRecorder.Attempt attempt) {
		Pending pending = new Pending(attempt, new CompletableFuture<>());
		if (!this.open) {
			pending.result().completeExceptionally(new IllegalStateException("attempt recorder closed"));
			return pending.result();
		}
		this.queue.add(pending);
		return pending.result();
	}

	/**
	 * Records the attempts as one batch on the calling thread (as the recorder thread
	 * does with what queued up).
	 */
	List<CompletableFuture<Optional<DeliveryRecorder.Recorded>>> recordTogether(
			List<DeliveryRecorder.Attempt> attempts) {
		List<Pending> batch = attempts.stream()
			.map((attempt) -> new Pending(attempt, new CompletableFuture<>()))
			.toList();
		write(batch);
		return batch.stream().map(Pending::result).toList();
	}

	private void run() {
		List<Pending> batch = new ArrayList<>();
		while (this.open || !this.queue.isEmpty()) {
			try {
				Pending first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, MAX_BATCH - 1);
				write(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (RuntimeException ex) {
				// write() completes every future; this is a bug guard that keeps the
				// thread
				batch.forEach((pending) -> pending.result().completeExceptionally(ex));
			}
			finally {
				batch.clear();
			}
		}
		this.queue.forEach((pending) -> pending.result()
			.completeExceptionally(new IllegalStateException("attempt recorder closed")));
	}

	private void write(List<Pending> batch) {
		RuntimeException failure = writePatiently(batch);
		if (failure == null) {
			return;
		}
		if (batch.size() == 1) {
			batch.get(0).result().completeExceptionally(failure);
			return;
		}
		log.atWarn()
			.addKeyValue("attempts", batch.size())
			.setCause(failure)
			.log("Recording a batch of attempts failed; recording them one by one");
		for (Pending pending : batch) {
			try {
				complete(List.of(pending));
			}
			catch (RuntimeException ex) {
				pending.result().completeExceptionally(ex);
			}
		}
	}

	/** Writes the batch, again while the database is away; the last failure, or null. */
	private RuntimeException writePatiently(List<Pending> batch) {
		long giveUpAt = System.nanoTime() + this.patience.toNanos();
		long pauseMs = 100;
		for (int failures = 1;; failures++) {
			try {
				complete(batch);
				return null;
			}
			catch (RuntimeException ex) {
				if (!IngestFailure.isPassing(ex) || !this.open
						|| System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMs) > giveUpAt) {
					return ex;
				}
				if (failures == 1) {
					log.atWarn()
						.addKeyValue("attempts", batch.size())
						.addKeyValue("error", ex.getClass().getSimpleName())
						.log("Could not record delivery attempts yet; trying again until the database answers");
				}
				try {
					Thread.sleep(pauseMs);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return ex;
				}
				pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS);
			}
		}
	}

	private void complete(List<Pending> batch) {
		List<Optional<DeliveryRecorder.Recorded>> results = this.recorder
			.recordAll(batch.stream().map(Pending::attempt).toList());
		for (int i = 0; i < batch.size(); i++) {
			batch.get(i).result().complete(results.get(i));
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.open = false;
		this.thread.join(TimeUnit.SECONDS.toMillis(10));
	}

	private record Pending(DeliveryRecorder.Attempt attempt,
			CompletableFuture<Optional<DeliveryRecorder.Recorded>> result) {
	}

}
