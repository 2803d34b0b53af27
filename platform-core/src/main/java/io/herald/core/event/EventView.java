package io.herald.core.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A stored event and what fan-out decided for each subscription of its type.
 *
 * @param explain one entry per subscription: those fan-out decided on (as it decided
 * then), then today's subscriptions of the type it never saw
 */
public record EventView(String id, String type, String source, String subject, Instant time, Instant receivedAt,
		JsonNode data, List<Explanation> explain) {

	/** The outcome of a subscription that did not exist or was not evaluated then. */
	public static final String NOT_EVALUATED = "NOT_EVALUATED";

	/**
	 * @param outcome {@code NOTIFIED}, {@code FILTERED}, {@code SUPPRESSED},
	 * {@code FAILED}, {@code DISABLED}, or {@link #NOT_EVALUATED}
	 * @param reason why, null for a plain {@code NOTIFIED}
	 * @param notificationIds the notifications of this event and subscription
	 * @param decidedAt when fan-out decided (null when not evaluated)
	 * @param backfillJobId the backfill job that decided, null for the live fan-out
	 */
	public record Explanation(UUID subscriptionId, String eventType, String channel, String outcome, String reason,
			List<UUID> notificationIds, Instant decidedAt, UUID backfillJobId) {
	}

}
