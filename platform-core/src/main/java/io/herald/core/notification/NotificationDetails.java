package io.herald.core.notification;

import java.time.Instant;
import java.util.List;

/**
 * A notification with what was rendered, every delivery attempt and the event it came
 * from.
 *
 * @param summary the notification
 * @param address where it was sent (e-mail address, push token, webhook URL)
 * @param subject the rendered subject
 * @param body the rendered body
 * @param templateVersion the template version it was rendered with
 * @param attempts its delivery attempts, oldest first
 * @param event the stored event, null if it is gone
 */
public record NotificationDetails(NotificationSummary summary, String address, String subject, String body,
		Integer templateVersion, List<Attempt> attempts, StoredEvent event) {

	/**
	 * One delivery attempt.
	 */
	public record Attempt(int number, Instant startedAt, long latencyMs, String outcome, Integer httpStatus,
			String error) {

	}

	/**
	 * The stored CloudEvent.
	 */
	public record StoredEvent(String id, String type, String source, String subject, Instant time, Instant receivedAt,
			String data) {

	}

}
