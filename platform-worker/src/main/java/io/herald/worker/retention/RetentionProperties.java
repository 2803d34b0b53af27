package io.herald.worker.retention;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code herald.retention.*} setting of the worker (decision 0087).
 *
 * @param enabled whether this worker instance deletes old rows; with several instances
 * any number may be enabled (a PostgreSQL advisory lock lets one batch run at a time)
 * @param events age (since {@code received_at}) after which an event, its fan-out
 * decisions and its finished backfill items are deleted, once no notification of it is
 * left; this is also how long an event id is remembered as already processed
 * @param finishedNotifications age (since the status was reached) after which a
 * {@code SENT} or {@code SUPPRESSED} notification and its attempts are deleted
 * @param failedNotifications the same for {@code FAILED} and {@code DEAD}, longer by
 * default because operators replay them
 * @param batchSize most parent rows (notifications or events) deleted per transaction
 * @param interval pause between two passes
 */
@Validated
@ConfigurationProperties("herald.retention")
public record RetentionProperties(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("30d") Duration events,
		@NotNull @DefaultValue("30d") Duration finishedNotifications,
		@NotNull @DefaultValue("90d") Duration failedNotifications,
		@Min(1) @Max(10_000) @DefaultValue("1000") int batchSize, @NotNull @DefaultValue("10m") Duration interval) {

	public RetentionProperties {
		// a zero or negative age would delete every finished row at once
		requirePositive("herald.retention.events", events);
		requirePositive("herald.retention.finished-notifications", finishedNotifications);
		requirePositive("herald.retention.failed-notifications", failedNotifications);
		requirePositive("herald.retention.interval", interval);
	}

	private static void requirePositive(String name, Duration value) {
		if (value != null && (value.isZero() || value.isNegative())) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

}
