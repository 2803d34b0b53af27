package io.herald.admin.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import io.herald.core.deadletter.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the dead-letter topic for the console: every partition from its beginning up to
 * the end offsets seen when the scan starts, with a consumer of its own that joins no
 * group and commits nothing, bounded by {@code herald.dead-letters.max-scan} and
 * {@code scan-timeout}. The API has the same reader (decision 0081: the console may not
 * import the API and core knows no Kafka types); what must not differ — which letters
 * were re-driven, and the audit — is core's {@code DeadLetterRedrives}.
 */
class DeadLetterTopic {

	static final String REASON = "herald-dlq-reason";

	static final String TENANT = "herald-dlq-tenant";

	static final String EVENT_ID = "herald-dlq-event-id";

	static final String FAILED_AT = "herald-dlq-failed-at";

	private static final Duration POLL = Duration.ofMillis(200);

	private final Map<String, Object> config;

	private final String topic;

	private final DeadLetterProperties properties;

	DeadLetterTopic(Map<String, Object> config, String topic, DeadLetterProperties properties) {
		this.config = Map.copyOf(config);
		this.topic = topic;
		this.properties = properties;
	}

	String name() {
		return this.topic;
	}

	/** Hands every record of the topic, in offset order per partition, to the sink. */
	Scan scan(Consumer<Letter> sink) {
		Instant deadline = Instant.now().plus(this.properties.scanTimeout());
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(this.config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<PartitionInfo> infos = consumer.partitionsFor(this.topic, this.properties.scanTimeout());
			if (infos == null || infos.isEmpty()) {
				return new Scan(0, false);
			}
			List<TopicPartition> partitions = infos.stream()
				.map((info) -> new TopicPartition(this.topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, this.properties.scanTimeout());
			Set<TopicPartition> open = new HashSet<>(partitions);
			int scanned = 0;
			while (true) {
				for (TopicPartition partition : new ArrayList<>(open)) {
					if (consumer.position(partition, this.properties.scanTimeout()) >= end.get(partition)) {
						open.remove(partition);
						consumer.pause(List.of(partition));
					}
				}
				if (open.isEmpty()) {
					return new Scan(scanned, false);
				}
				if (scanned >= this.properties.maxScan() || Instant.now().isAfter(deadline)) {
					return new Scan(scanned, true);
				}
				ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
				for (ConsumerRecord<byte[], byte[]> record : records) {
					TopicPartition partition = new TopicPartition(record.topic(), record.partition());
					if (record.offset() >= end.get(partition) || scanned >= this.properties.maxScan()) {
						continue;
					}
					scanned++;
					sink.accept(new Letter(letter(record), record));
				}
			}
		}
	}

	/**
	 * The one record at this partition and offset, read directly (no scan); empty when
	 * the topic has no such partition or the offset is not (or no longer) on it.
	 */
	Optional<Letter> read(int partition, long offset) {
		Instant deadline = Instant.now().plus(this.properties.scanTimeout());
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(this.config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<PartitionInfo> infos = consumer.partitionsFor(this.topic, this.properties.scanTimeout());
			if (infos == null || infos.stream().noneMatch((info) -> info.partition() == partition)) {
				return Optional.empty();
			}
			TopicPartition topicPartition = new TopicPartition(this.topic, partition);
			List<TopicPartition> partitions = List.of(topicPartition);
			consumer.assign(partitions);
			long start = consumer.beginningOffsets(partitions, this.properties.scanTimeout()).get(topicPartition);
			long end = consumer.endOffsets(partitions, this.properties.scanTimeout()).get(topicPartition);
			if (offset < start || offset >= end) {
				return Optional.empty();
			}
			consumer.seek(topicPartition, offset);
			while (Instant.now().isBefore(deadline)
					&& consumer.position(topicPartition, this.properties.scanTimeout()) <= offset) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
					if (record.offset() == offset) {
						return Optional.of(new Letter(letter(record), record));
					}
				}
			}
			if (consumer.position(topicPartition, this.properties.scanTimeout()) <= offset) {
				throw new TimeoutException("The dead letter was not read within the scan timeout");
			}
			// a transaction marker or an aborted record holds this offset
			return Optional.empty();
		}
	}

	private static DeadLetter letter(ConsumerRecord<byte[], byte[]> record) {
		String reason = header(record, REASON);
		String eventId = header(record, EVENT_ID);
		return new DeadLetter(record.partition(), record.offset(), tenant(header(record, TENANT)),
				(eventId != null) ? eventId : header(record, "ce_id"), (reason != null) ? reason : "",
				timestamp(record), false);
	}

	private static UUID tenant(String value) {
		try {
			return (value != null) ? UUID.fromString(value.strip()) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Instant timestamp(ConsumerRecord<byte[], byte[]> record) {
		String failedAt = header(record, FAILED_AT);
		if (failedAt != null) {
			try {
				return Instant.parse(failedAt.strip());
			}
			catch (DateTimeParseException ex) {
				// the record's own time below
			}
		}
		return Instant.ofEpochMilli(record.timestamp());
	}

	static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/** A record of the topic and what it says. */
	record Letter(DeadLetter letter, ConsumerRecord<byte[], byte[]> record) {
	}

	/**
	 * @param scanned records read
	 * @param truncated whether a bound stopped the scan before the end
	 */
	record Scan(int scanned, boolean truncated) {
	}

}
