package io.herald.worker.fanout;

import java.time.Duration;

/**
 * The dispatcher of this process as fan-out sees it: how many of the notifications
 * fan-out is about to create it may create already claimed (decision 0105). Such a row is
 * inserted {@code SENDING}, its first attempt counted and leased to this process; after
 * the commit it is handed over in memory with what its send needs and sent without a
 * claim statement.
 */
public interface HandOverRoom {

	/**
	 * How many more notifications created claimed this process can hold until it sends
	 * them; 0 when it is not sending.
	 */
	int claimable();

	/**
	 * The lease a row created claimed starts with (renewed while it waits or is sent).
	 */
	Duration lease();

}
