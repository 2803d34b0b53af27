package io.herald.api.deadletter;

import java.util.HashMap;
import java.util.Map;

import io.herald.core.config.HeraldCoreProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the dead-letter feature: the reader of the dead-letter topic, a short-lived
 * consumer per scan with no consumer group (assign and seek, nothing committed).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadLetterProperties.class)
class DeadLetterConfiguration {

	@Bean
	DeadLetterTopic deadLetterReader(KafkaProperties kafka, HeraldCoreProperties core,
			DeadLetterProperties properties) {
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "herald-api-dlq-reader");
		return new DeadLetterTopic(config, core.topics().deadLetter(), properties);
	}

}
