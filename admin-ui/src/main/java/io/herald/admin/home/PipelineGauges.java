package io.herald.admin.home;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.herald.core.config.HeraldCoreProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * What the dashboard shows of the pipeline itself, read from Kafka's offsets (never from
 * the records): how many events wait for the worker's consumer group, and how many
 * records the dead-letter topic holds. Each reading is bounded by a short timeout; when
 * Kafka does not answer the dashboard says so instead of waiting.
 */
@Component
class PipelineGauges implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(PipelineGauges.class);

	private static final long TIMEOUT_MS = 3_000;

	private final Map<String, Object> config;

	private final String eventsTopic;

	private final String deadLetterTopic;

	private final String workerGroup;

	private Admin admin;

	PipelineGauges(KafkaProperties kafka, HeraldCoreProperties core,
			@Value("${herald.console.worker-group:herald-worker}") String workerGroup) {
		Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "herald-console-gauges");
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
		this.config = Map.copyOf(config);
		this.eventsTopic = core.topics().events();
		this.deadLetterTopic = core.topics().deadLetter();
		this.workerGroup = workerGroup;
	}

	/**
	 * Events on the events topic that the worker's consumer group has not committed yet
	 * (every partition from its committed offset, or its beginning, to its end); null
	 * when Kafka did not answer.
	 */
	Long consumerLag() {
		try {
			Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(this.workerGroup)
				.partitionsToOffsetAndMetadata()
				.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
			List<TopicPartition> partitions = partitions(this.eventsTopic);
			Map<TopicPartition, Long> earliest = offsets(partitions, OffsetSpec.earliest());
			Map<TopicPartition, Long> latest = offsets(partitions, OffsetSpec.latest());
			long lag = 0;
			for (TopicPartition partition : partitions) {
				OffsetAndMetadata done = committed.get(partition);
				long from = (done != null) ? Math.max(done.offset(), earliest.get(partition)) : earliest.get(partition);
				lag += Math.max(0, latest.get(partition) - from);
			}
			return lag;
		}
		catch (Exception ex) {
			return unknown("consumer lag", ex);
		}
	}

	/** Records in the dead-letter topic; null when Kafka did not answer. */
	Long deadLetters() {
		try {
			List<TopicPartition> partitions = partitions(this.deadLetterTopic);
			Map<TopicPartition, Long> earliest = offsets(partitions, OffsetSpec.earliest());
			Map<TopicPartition, Long> latest = offsets(partitions, OffsetSpec.latest());
			return partitions.stream().mapToLong((partition) -> latest.get(partition) - earliest.get(partition)).sum();
		}
		catch (Exception ex) {
			return unknown("dead-letter topic size", ex);
		}
	}

	// a topic nothing was written to yet may not exist: it holds nothing
	private List<TopicPartition> partitions(String topic) throws Exception {
		try {
			return admin().describeTopics(List.of(topic))
				.allTopicNames()
				.get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
				.get(topic)
				.partitions()
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				return List.of();
			}
			throw ex;
		}
	}

	private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
		Map<TopicPartition, ListOffsetsResultInfo> result = admin()
			.listOffsets(partitions.stream().collect(Collectors.toMap((partition) -> partition, (partition) -> spec)))
			.all()
			.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
		return result.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
	}

	private Long unknown(String what, Exception ex) {
		if (ex instanceof InterruptedException) {
			Thread.currentThread().interrupt();
		}
		log.atWarn().addKeyValue("error", ex.getClass().getSimpleName()).log("Could not read the {}", what);
		return null;
	}

	// created on first use: a Kafka that is not there yet must not stop the console
	private synchronized Admin admin() {
		if (this.admin == null) {
			this.admin = Admin.create(this.config);
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close();
		}
	}

}
