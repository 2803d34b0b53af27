package io.herald.api.config;

import java.util.HashMap;
import java.util.Map;

import io.herald.core.config.HeraldCoreProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The event log's producer (acks=all, idempotent, bounded by
 * {@code herald.api.publish-timeout}; batching and compression from
 * {@code spring.kafka.producer.*}), the topics the API creates, and the admin client the
 * health check uses.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	@Bean
	NewTopic eventsTopic(HeraldCoreProperties core, HeraldApiProperties properties) {
		return topic(core.topics().events(), properties);
	}

	@Bean
	NewTopic deadLetterTopic(HeraldCoreProperties core, HeraldApiProperties properties) {
		return topic(core.topics().deadLetter(), properties);
	}

	@Bean
	ProducerFactory<String, byte[]> eventProducerFactory(KafkaProperties kafka, HeraldApiProperties properties) {
		Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
		int timeoutMs = (int) properties.publishTimeout().toMillis();
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + 1_000);
		// batching and compression come from spring.kafka.producer.* (herald-api.yml):
		// linger.ms 5, batch.size 64KB, lz4; durability is not configurable
		config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "herald-api");
		return new DefaultKafkaProducerFactory<>(config);
	}

	@Bean
	KafkaTemplate<String, byte[]> eventTemplate(ProducerFactory<String, byte[]> eventProducerFactory) {
		return new KafkaTemplate<>(eventProducerFactory);
	}

	@Bean(destroyMethod = "close")
	Admin kafkaHealthAdmin(KafkaProperties kafka, HeraldApiProperties properties) {
		Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
		int timeoutMs = (int) properties.kafkaHealthTimeout().toMillis();
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "herald-api-health");
		return Admin.create(config);
	}

	private static NewTopic topic(String name, HeraldApiProperties properties) {
		TopicBuilder builder = TopicBuilder.name(name).partitions(properties.topicPartitions());
		Integer replicas = properties.topicReplicas();
		if (replicas != null) {
			builder.replicas(replicas);
			if (replicas > 1) {
				builder.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInSyncReplicas(replicas)));
			}
		}
		return builder.build();
	}

	/**
	 * With acks=all, an acknowledged event is on at least this many brokers; one less
	 * than the replicas keeps the topic writable while one broker is down (decision
	 * 0040).
	 */
	static int minInSyncReplicas(int replicas) {
		return Math.max(1, replicas - 1);
	}

}
