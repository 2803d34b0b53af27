package io.herald.api.config;

import java.time.Duration;
import java.util.Map;

import io.herald.core.config.HeraldCoreProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaConfigurationTests {

	private static final HeraldCoreProperties CORE = HeraldCoreProperties.defaults();

	private final KafkaConfiguration configuration = new KafkaConfiguration();

	@Test
	void replicatedTopicsAcknowledgeOnAllButOneReplica() {
		NewTopic events = this.configuration.eventsTopic(CORE, properties(3));
		NewTopic dlq = this.configuration.deadLetterTopic(CORE, properties(3));

		assertThat(events.replicationFactor()).isEqualTo((short) 3);
		assertThat(events.configs()).containsEntry("min.insync.replicas", "2");
		assertThat(dlq.configs()).containsEntry("min.insync.replicas", "2");
		assertThat(this.configuration.eventsTopic(CORE, properties(2)).configs()).containsEntry("min.insync.replicas",
				"1");
		assertThat(this.configuration.eventsTopic(CORE, properties(5)).configs()).containsEntry("min.insync.replicas",
				"4");
	}

	@Test
	void unreplicatedOrBrokerDefaultTopicsKeepTheBrokersSetting() {
		assertThat(configs(this.configuration.eventsTopic(CORE, properties(1))))
			.doesNotContainKey("min.insync.replicas");
		NewTopic brokerDefault = this.configuration.eventsTopic(CORE, properties(null));
		assertThat(configs(brokerDefault)).doesNotContainKey("min.insync.replicas");
		assertThat(brokerDefault.replicationFactor()).isEqualTo((short) -1);
	}

	private static Map<String, String> configs(NewTopic topic) {
		return (topic.configs() != null) ? topic.configs() : Map.of();
	}

	private static HeraldApiProperties properties(Integer replicas) {
		return new HeraldApiProperties(3, replicas, Duration.ofSeconds(5), Duration.ofSeconds(2),
				DataSize.ofMegabytes(1));
	}

}
