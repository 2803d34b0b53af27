package io.herald.core.replay;

/** A replay job's per-chunk statement from {@link ReplayExecution}, for plan tests. */
public final class ReplayStatements {

	private ReplayStatements() {
	}

	/**
	 * Requeues one chunk of a job's items (named parameters jobId, limit, newMessageId).
	 */
	public static String requeueChunk() {
		return ReplayExecution.REQUEUE_CHUNK;
	}

}
