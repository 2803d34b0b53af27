package io.herald.core.replay;

import java.util.Locale;

import io.herald.core.error.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * A replay as a tenant or an operator asks for it.
 *
 * @param kind {@code NOTIFICATIONS} (default) or {@code EVENTS} (backfill)
 * @param dryRun only count and show a sample; nothing changes
 * @param filter which notifications (default: all DEAD and FAILED)
 * @param ratePerSecond at most this many requeued notifications, or backfilled events,
 * per second (default {@code herald.replay.rate-per-second} of the worker)
 * @param newMessageId give every requeued notification a new receiver-facing message id
 * (webhook-id, provider idempotency ids), for receivers that already dropped the old ones
 */
public record ReplayRequest(@Size(max = 16) String kind, Boolean dryRun, @Valid ReplayFilter filter,
		@Min(1) @Max(1000) Integer ratePerSecond, Boolean newMessageId) {

	public ReplayRequest(String kind, Boolean dryRun, ReplayFilter filter, Integer ratePerSecond) {
		this(kind, dryRun, filter, ratePerSecond, false);
	}

	public boolean renewsMessageId() {
		return Boolean.TRUE.equals(this.newMessageId);
	}

	public boolean isDryRun() {
		return Boolean.TRUE.equals(this.dryRun);
	}

	/**
	 * @throws InvalidInputException for an unknown kind
	 */
	public ReplayKind replayKind() {
		if (this.kind == null || this.kind.isBlank()) {
			return ReplayKind.NOTIFICATIONS;
		}
		try {
			return ReplayKind.valueOf(this.kind.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInputException.of("kind", "must be NOTIFICATIONS or EVENTS");
		}
	}

}
