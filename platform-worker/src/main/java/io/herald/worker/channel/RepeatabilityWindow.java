package io.herald.worker.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remembers when a notification was first sent to ACS, so that a retry shortly after
 * repeats the same {@code Repeatability-First-Sent} and ACS recognises it as the same
 * request. ACS tracks repeatable requests for five minutes and answers {@code 412} to a
 * first-sent value older than that, so after {@link #REUSE} a new value is taken (the
 * {@code Operation-Id} still names the operation). Entries go when the notification is
 * settled; stale ones are swept now and then.
 */
final class RepeatabilityWindow {

	static final Duration REUSE = Duration.ofMinutes(4);

	private static final int SWEEP_EVERY = 1024;

	private final Map<UUID, Instant> firstSent = new ConcurrentHashMap<>();

	private final AtomicInteger calls = new AtomicInteger();

	private final Clock clock;

	RepeatabilityWindow(Clock clock) {
		this.clock = clock;
	}

	Instant firstSent(UUID notificationId) {
		Instant now = this.clock.instant();
		Instant oldest = now.minus(REUSE);
		if (this.calls.incrementAndGet() % SWEEP_EVERY == 0) {
			this.firstSent.values().removeIf(sent -> sent.isBefore(oldest));
		}
		return this.firstSent.compute(notificationId,
				(id, previous) -> (previous != null && !previous.isBefore(oldest)) ? previous : now);
	}

	void settled(UUID notificationId) {
		this.firstSent.remove(notificationId);
	}

}
