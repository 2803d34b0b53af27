package io.herald.core.replay;

import java.time.Instant;
import java.util.UUID;

/**
 * A replay job as the API and the console show it.
 *
 * @param tenantId the tenant, null for an operator's job over all tenants
 * @param ratePerSecond null: the worker's default
 * @param newMessageId whether requeued notifications get a new receiver-facing message id
 * @param matched notifications (for {@code EVENTS}: stored events) in the job's fixed set
 * (0 until it starts)
 * @param processed of those, handled so far
 * @param requeued of those, requeued as a new attempt series ({@code NOTIFICATIONS})
 * @param created notifications created by fan-out of the events ({@code EVENTS})
 * @param skipped of those, left alone because their state changed since; for
 * {@code EVENTS}, events whose fan-out created nothing new
 * @param createdBy the actor: API key prefix or operator
 */
public record ReplayJobView(UUID id, UUID tenantId, ReplayKind kind, ReplayStatus status, ReplayFilter filter,
		Integer ratePerSecond, boolean newMessageId, int matched, int processed, int requeued, int created, int skipped,
		String createdBy, Instant createdAt, Instant startedAt, Instant finishedAt, String error) {

}
