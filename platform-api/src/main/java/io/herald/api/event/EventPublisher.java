package io.herald.api.event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.herald.api.config.HeraldApiProperties;
import io.herald.api.web.ProblemException;
import io.herald.api.web.ProblemType;
import io.herald.core.config.HeraldCoreProperties;
import io.herald.core.event.CloudEventCodec;
import io.herald.core.event.CloudEventEnvelope;
import io.herald.core.support.LogSafe;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends an event to the log: structured CloudEvents JSON on
 * {@code herald.topics.events}, keyed {@code tenantId/subject} so that one subject's
 * facts stay in order, and acknowledged by all in-sync replicas before the caller hears
 * 202.
 */
@Component
class EventPublisher {

	private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

	static final String CONTENT_TYPE = "application/cloudevents+json";

	private final KafkaTemplate<String, byte[]> kafka;

	private final CloudEventCodec codec;

	private final String topic;

	private final HeraldApiProperties properties;

	EventPublisher(KafkaTemplate<String, byte[]> kafka, CloudEventCodec codec, HeraldCoreProperties core,
			HeraldApiProperties properties) {
		this.kafka = kafka;
		this.codec = codec;
		this.topic = core.topics().events();
		this.properties = properties;
	}

	void publish(CloudEventEnvelope event) {
		ProducerRecord<String, byte[]> record = record(event);
		long timeoutMs = this.properties.publishTimeout().toMillis();
		try {
			this.kafka.send(record).get(timeoutMs + 1_000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable(event, ex);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			if (causedByRecordTooLarge(ex)) {
				throw tooLarge(event, record);
			}
			throw unavailable(event, ex);
		}
	}

	/**
	 * Publishes a batch: every record is handed to the producer first (so that they share
	 * its request batches), then every acknowledgement is awaited within one publish
	 * timeout. The outcomes are in the order of {@code events}.
	 */
	List<Published> publishAll(List<CloudEventEnvelope> events) {
		List<ProducerRecord<String, byte[]>> records = events.stream().map(this::record).toList();
		List<CompletableFuture<?>> sends = new ArrayList<>(records.size());
		for (ProducerRecord<String, byte[]> record : records) {
			try {
				sends.add(this.kafka.send(record));
			}
			catch (RuntimeException ex) {
				sends.add(CompletableFuture.failedFuture(ex));
			}
		}
		long deadline = System.nanoTime() + this.properties.publishTimeout().plusSeconds(1).toNanos();
		List<Published> outcomes = new ArrayList<>(sends.size());
		for (int i = 0; i < sends.size(); i++) {
			outcomes.add(await(sends.get(i), deadline, events.get(i), records.get(i)));
		}
		return outcomes;
	}

	private Published await(CompletableFuture<?> send, long deadline, CloudEventEnvelope event,
			ProducerRecord<String, byte[]> record) {
		try {
			send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return Published.OK;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Published.UNAVAILABLE;
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			if (causedByRecordTooLarge(ex)) {
				tooLarge(event, record);
				return Published.TOO_LARGE;
			}
			// logged once per batch by the caller, not once per event
			return Published.UNAVAILABLE;
		}
	}

	private ProducerRecord<String, byte[]> record(CloudEventEnvelope event) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(this.topic, event.partitionKey(),
				this.codec.write(event));
		record.headers().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
		return record;
	}

	/** What became of one event of a batch. */
	enum Published {

		OK, TOO_LARGE, UNAVAILABLE

	}

	/**
	 * The producer refuses a record over its {@code max.request.size} (and the broker one
	 * over its {@code message.max.bytes}) with {@link RecordTooLargeException}: the same
	 * request would fail again, so it is the client's 413, not a 503 to be retried.
	 */
	private static boolean causedByRecordTooLarge(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RecordTooLargeException) {
				return true;
			}
		}
		return false;
	}

	private static ProblemException tooLarge(CloudEventEnvelope event, ProducerRecord<String, byte[]> record) {
		log.info("Event too large for the event log tenant={} eventId={} bytes={}", event.tenantId(),
				LogSafe.of(event.id()), record.value().length);
		return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
				"The event is too large for the event log. Send a smaller event; retrying will not help.");
	}

	private static ProblemException unavailable(CloudEventEnvelope event, Exception ex) {
		log.warn("Publishing event failed tenant={} eventId={} type={}: {}", event.tenantId(), LogSafe.of(event.id()),
				LogSafe.of(event.type()), LogSafe.of(ex.toString()));
		return new ProblemException(ProblemType.EVENT_LOG_UNAVAILABLE,
				"The event was not accepted: the event log is unavailable. Retry with the same id.");
	}

}
