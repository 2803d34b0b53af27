package io.herald.worker.fanout;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.herald.core.notification.Notification;

/**
 * This worker's room to start sends, offered to the fan-out so that the notifications it
 * creates can be inserted already leased to this worker ({@code SENDING}, first attempt
 * counted) and sent right after the commit, without a claim (decision 0094). What gets no
 * slot is inserted {@code PENDING} and handed over or claimed as before. The outbox stays
 * the source of truth: a slot is only a lease taken at insert time, so a worker that dies
 * before sending leaves rows whose lease runs out and another worker resends them,
 * exactly as after a claim.
 * <p>
 * Implemented by the outbox dispatcher; absent where it is turned off.
 */
public interface SendSlots {

	/**
	 * Takes up to {@code wanted} send slots for a tenant, within the worker's free
	 * senders and the tenant's cap of sends in flight; never waits.
	 * @return how many were taken (0 when none are free)
	 */
	int reserve(UUID tenantId, int wanted);

	/** Gives back slots that were taken and not used. */
	void release(UUID tenantId, int count);

	/** How long a row inserted with a slot is leased to this worker. */
	Duration lease();

	/**
	 * After the commit: sends the rows inserted with a slot, one slot each.
	 */
	void start(List<Leased> rows);

	/**
	 * A notification inserted leased to this worker, with what its send needs.
	 *
	 * @param endpoint the subscription's webhook URL as of the insert (null for other
	 * channels)
	 * @param encryptedSigningSecret the subscription's signing secret, encrypted
	 * @param dataJson the event's data as stored
	 */
	record Leased(Notification notification, String endpoint, String encryptedSigningSecret, String dataJson) {
	}

}
