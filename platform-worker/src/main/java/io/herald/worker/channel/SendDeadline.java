package io.herald.worker.channel;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The overall deadline of one send. Per-read timeouts do not bound a send: a receiver
 * that drips a byte every few seconds never trips them. So the provider call runs on its
 * own virtual thread while the caller waits at most the deadline; then the send is
 * aborted (its sockets closed, its thread interrupted — socket I/O of a virtual thread
 * ends on interrupt) and the attempt counts as a transient failure.
 *
 * <p>
 * An aborted send gets {@link #ABORT_GRACE} to stop. A send that still finishes normally
 * in that time keeps its result, so an answer that raced the deadline is not reported as
 * a failure.
 */
final class SendDeadline {

	/** How long an aborted send may take to stop after its deadline. */
	static final Duration ABORT_GRACE = Duration.ofSeconds(2);

	private final Duration limit;

	SendDeadline(Duration limit) {
		this.limit = limit;
	}

	Duration limit() {
		return this.limit;
	}

	/**
	 * Runs {@code send} within the deadline.
	 * @param abort ends the send from another thread (closes its sockets); the thread is
	 * interrupted as well
	 * @throws Exceeded when the deadline passed (or the caller was interrupted)
	 */
	<T, E extends Exception> T run(Send<T, E> send, Runnable abort) throws E, Exceeded {
		FutureTask<T> task = new FutureTask<>(send::call);
		Thread thread = Thread.ofVirtual().name("herald-send").start(task);
		try {
			return task.get(this.limit.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return aborted(task, thread, abort);
		}
		catch (InterruptedException ex) {
			abort.run();
			thread.interrupt();
			Thread.currentThread().interrupt();
			throw new Exceeded();
		}
		catch (ExecutionException ex) {
			throw SendDeadline.<E>rethrow(ex.getCause());
		}
	}

	/** The attempt's outcome when the deadline passed. */
	DeliveryOutcome.Retry exceeded(String what) {
		return new DeliveryOutcome.Retry(what + " did not finish within the send deadline of " + describe(this.limit),
				null, null);
	}

	private <T> T aborted(FutureTask<T> task, Thread thread, Runnable abort) throws Exceeded {
		abort.run();
		thread.interrupt();
		try {
			if (thread.join(ABORT_GRACE) && task.isDone()) {
				return task.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			// failed because it was aborted
		}
		throw new Exceeded();
	}

	@SuppressWarnings("unchecked")
	private static <E extends Exception> RuntimeException rethrow(Throwable cause) throws E {
		if (cause instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (cause instanceof Error error) {
			throw error;
		}
		throw (E) cause;
	}

	private static String describe(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
	}

	/** A provider call that may throw {@code E}. */
	@FunctionalInterface
	interface Send<T, E extends Exception> {

		T call() throws E;

	}

	/** The deadline passed before the send finished. */
	static final class Exceeded extends Exception {

		Exceeded() {
			super(null, null, false, false);
		}

	}

}
