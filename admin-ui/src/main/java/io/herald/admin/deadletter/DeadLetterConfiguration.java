package io.herald.admin.deadletter;

import java.util.HashMap;
import java.util.Map;

import io.herald.core.config.HeraldCoreProperties;
import io.herald.core.deadletter.DeadLetterRedrives;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wiring of the console's dead-letter page: a short-lived consumer per scan with no
 * consumer group, and an idempotent producer for re-drives, both from
 * {@code spring.kafka.*}. Neither connects before the page is used.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadLetterProperties.class)
class DeadLetterConfiguration {

	@Bean
	DeadLetterTopic consoleDeadLetterTopic(KafkaProperties kafka, HeraldCoreProperties core,
			DeadLetterProperties properties) {
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "herald-console-dlq-reader");
		return new DeadLetterTopic(config, core.topics().deadLetter(), properties);
	}

	/** Lazy: a bootstrap address that does not resolve yet must not stop the console. */
	@Bean(destroyMethod = "close")
	@Lazy
	Producer<String, byte[]> consoleRedriveProducer(KafkaProperties kafka) {
		Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "herald-console-redrive");
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	@Bean
	DeadLetterConsole deadLetterConsole(DeadLetterTopic topic, DeadLetterRedrives redrives,
			ObjectProvider<Producer<String, byte[]>> producer, TransactionTemplate transactions,
			HeraldCoreProperties core, DeadLetterProperties properties) {
		return new DeadLetterConsole(topic, redrives, producer::getObject, transactions, core.topics().events(),
				properties.chunk());
	}

}
