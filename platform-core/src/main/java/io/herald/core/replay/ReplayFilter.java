package io.herald.core.replay;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Size;

/**
 * What a replay covers. Every field narrows. For {@code NOTIFICATIONS}, none given means
 * all {@code DEAD} and {@code FAILED} notifications of the tenant (or of all tenants, for
 * an operator). For an {@code EVENTS} backfill, none given means every stored event;
 * {@code status}, {@code channel} and {@code errorContains} do not apply there, and
 * {@code from}/{@code to} are on the event's {@code receivedAt}.
 *
 * @param status {@code DEAD} and/or {@code FAILED} (default both)
 * @param channel e.g. {@code WEBHOOK}
 * @param eventType the event type name
 * @param subscriptionId one subscription
 * @param errorContains text the status reason contains (case-sensitive)
 * @param from created at or after
 * @param to created before
 * @param eventIds these events only ({@code EVENTS} only, at most 1,000)
 */
public record ReplayFilter(@Size(max = 2) List<String> status, @Size(max = 16) String channel,
		@Size(max = 200) String eventType, UUID subscriptionId, @Size(max = 200) String errorContains, Instant from,
		Instant to, @Size(max = 1000) List<@Size(max = 200) String> eventIds) {

	public static final ReplayFilter ALL = new ReplayFilter(null, null, null, null, null, null, null, null);

	/** A filter of notifications (no event ids). */
	public ReplayFilter(List<String> status, String channel, String eventType, UUID subscriptionId,
			String errorContains, Instant from, Instant to) {
		this(status, channel, eventType, subscriptionId, errorContains, from, to, null);
	}

}
