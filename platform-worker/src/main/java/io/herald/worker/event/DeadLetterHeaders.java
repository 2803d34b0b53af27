package io.herald.worker.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.core.NestedExceptionUtils;

/**
 * The {@code herald-dlq-*} headers Herald adds to a dead letter: plain UTF-8 text for
 * operators, the reason on one line.
 */
final class DeadLetterHeaders {

	static final String REASON = "herald-dlq-reason";

	static final String ORIGINAL_TOPIC = "herald-dlq-original-topic";

	static final String ORIGINAL_PARTITION = "herald-dlq-original-partition";

	static final String ORIGINAL_OFFSET = "herald-dlq-original-offset";

	static final String FAILED_AT = "herald-dlq-failed-at";

	static final String TENANT = "herald-dlq-tenant";

	static final String EVENT_ID = "herald-dlq-event-id";

	private DeadLetterHeaders() {
	}

	static Headers of(ConsumerRecord<?, ?> record, Exception exception) {
		Headers headers = new RecordHeaders();
		add(headers, REASON, reason(exception));
		add(headers, ORIGINAL_TOPIC, record.topic());
		add(headers, ORIGINAL_PARTITION, String.valueOf(record.partition()));
		add(headers, ORIGINAL_OFFSET, String.valueOf(record.offset()));
		add(headers, FAILED_AT, Instant.now().toString());
		DeadLetterException deadLetter = deadLetter(exception);
		if (deadLetter != null && deadLetter.tenantId() != null) {
			add(headers, TENANT, deadLetter.tenantId().toString());
		}
		if (deadLetter != null && deadLetter.eventId() != null) {
			add(headers, EVENT_ID, deadLetter.eventId());
		}
		return headers;
	}

	/**
	 * A poison event's own reason, or for a failure that outlived its retries the message
	 * of its root cause.
	 */
	static String reason(Exception exception) {
		DeadLetterException deadLetter = deadLetter(exception);
		if (deadLetter != null) {
			return deadLetter.reason();
		}
		return DeadLetterException.oneLine("processing kept failing after retries: " + rootCause(exception));
	}

	static String rootCause(Exception exception) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(exception);
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	/** The binder wraps what the consumer threw: look through the causes. */
	static DeadLetterException deadLetter(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof DeadLetterException deadLetter) {
				return deadLetter;
			}
		}
		return null;
	}

	private static void add(Headers headers, String name, String value) {
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
