package io.herald.core.replay;

/**
 * Where a replay job is: waiting for a worker, running, or ended.
 */
public enum ReplayStatus {

	PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED;

	public boolean open() {
		return this == PENDING || this == RUNNING;
	}

}
