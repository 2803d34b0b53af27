package io.herald.worker.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a provider's {@code Retry-After} (RFC 9110: delay seconds or an HTTP date) and
 * the millisecond variants some providers send ({@code retry-after-ms}).
 */
final class RetryAfterParser {

	private RetryAfterParser() {
	}

	/**
	 * The delay a {@code Retry-After} value asks for, or {@code null} when absent or
	 * unreadable.
	 */
	static Duration seconds(String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		try {
			long seconds = Long.parseLong(trimmed);
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException notSeconds) {
			try {
				Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration delay = Duration.between(clock.instant(), at);
				return delay.isNegative() ? Duration.ZERO : delay;
			}
			catch (DateTimeParseException notDate) {
				return null;
			}
		}
	}

	/** The delay a {@code retry-after-ms} value asks for, or {@code null}. */
	static Duration millis(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			long millis = Long.parseLong(value.trim());
			return (millis >= 0) ? Duration.ofMillis(millis) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
