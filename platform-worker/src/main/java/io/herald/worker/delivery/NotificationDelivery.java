package io.herald.worker.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.herald.core.notification.NotificationStatus;
import io.herald.core.support.LogSafe;
import io.herald.worker.channel.DeliveryOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One attempt of one claimed notification: route, send, record (in the next batch of
 * {@link AttemptBatches}), count.
 */
@Component
class NotificationDelivery {

	/** The error recorded for an attempt whose worker stopped before recording it. */
	static final String LOST_ATTEMPT = "no result recorded: the sending worker stopped before committing it"
			+ " (lease expired); resent with the same notification id";

	private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

	private final ChannelRouter router;

	private final AttemptBatches recorder;

	private final DeliveryMetrics metrics;

	private final Clock clock;

	NotificationDelivery(ChannelRouter router, AttemptBatches recorder, DeliveryMetrics metrics, Clock clock) {
		this.router = router;
		this.recorder = recorder;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Makes the attempt and records it.
	 * @param sendEnded run once when the send returned or threw, before the attempt is
	 * recorded
	 * @return the delay before the next attempt, if the notification is now RETRYING
	 */
	Optional<Duration> deliver(ClaimedNotification notification, Runnable sendEnded) {
		Instant startedAt = this.clock.instant();
		long start = System.nanoTime();
		DeliveryOutcome outcome;
		try {
			outcome = send(notification);
		}
		finally {
			sendEnded.run();
		}
		Duration latency = Duration.ofNanos(System.nanoTime() - start);
		return record(notification, outcome, startedAt, latency).join();
	}

	/**
	 * Records the attempt of a row whose worker died while sending as a transient
	 * failure.
	 */
	CompletableFuture<Optional<Duration>> recordLost(ClaimedNotification notification) {
		log.atWarn()
			.addKeyValue("tenant", notification.tenantId())
			.addKeyValue("notification", notification.id())
			.addKeyValue("attempt", notification.attempt())
			.log("Lease of a notification expired while SENDING; recording the attempt as lost");
		return record(notification, new DeliveryOutcome.Retry(LOST_ATTEMPT, null, null), this.clock.instant(), null);
	}

	private DeliveryOutcome send(ClaimedNotification notification) {
		try {
			return switch (this.router.route(notification)) {
				case Route.Ready ready -> ready.provider().send(ready.message());
				case Route.Unroutable unroutable -> new DeliveryOutcome.Permanent(unroutable.reason(), null);
			};
		}
		catch (RuntimeException ex) {
			// Providers classify their own failures; anything thrown is unexpected, so
			// retry.
			log.atError()
				.addKeyValue("tenant", notification.tenantId())
				.addKeyValue("notification", notification.id())
				.setCause(ex)
				.log("Unexpected error while sending a notification");
			return new DeliveryOutcome.Retry("unexpected error: " + ex.getClass().getSimpleName(), null, null);
		}
	}

	// latency is null for a lost attempt: nobody measured it.
	private CompletableFuture<Optional<Duration>> record(ClaimedNotification notification, DeliveryOutcome outcome,
			Instant startedAt, Duration latency) {
		return this.recorder
			.record(new DeliveryRecorder.Attempt(notification, outcome, startedAt,
					(latency != null) ? latency : Duration.ZERO))
			.thenApply((recorded) -> recorded(notification, recorded, latency));
	}

	private Optional<Duration> recorded(ClaimedNotification notification, Optional<DeliveryRecorder.Recorded> recorded,
			Duration latency) {
		if (recorded.isEmpty()) {
			log.atWarn()
				.addKeyValue("tenant", notification.tenantId())
				.addKeyValue("notification", notification.id())
				.addKeyValue("attempt", notification.attempt())
				.log("Lease lost before the attempt was recorded; another worker records it");
			return Optional.empty();
		}
		DeliveryRecorder.Recorded result = recorded.get();
		this.metrics.attempt(notification.channel(), result.attemptOutcome(), latency);
		this.metrics.entered(result.status(), notification.channel(), 1);
		// one line per attempt is too much on the hot path: DEBUG (metrics count them)
		log.atDebug()
			.addKeyValue("tenant", notification.tenantId())
			.addKeyValue("event", LogSafe.of(notification.eventId()))
			.addKeyValue("notification", notification.id())
			.addKeyValue("channel", notification.channel())
			.addKeyValue("attempt", notification.attempt())
			.addKeyValue("status", result.status())
			.addKeyValue("latencyMs", (latency != null) ? latency.toMillis() : null)
			.log("Delivery attempt recorded");
		if (result.reason() != null && log.isDebugEnabled()) {
			// a provider's or receiver's error text may quote the recipient's address:
			// it is stored on the attempt for the tenant, and logged at DEBUG only,
			// redacted
			log.atDebug()
				.addKeyValue("notification", notification.id())
				.addKeyValue("reason", LogSafe.without(result.reason(), notification.address()))
				.log("Delivery attempt reason");
		}
		return (result.status() == NotificationStatus.RETRYING) ? Optional.ofNullable(result.delay())
				: Optional.empty();
	}

}
