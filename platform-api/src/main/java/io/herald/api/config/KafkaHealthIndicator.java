package io.herald.api.config;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code kafka} in {@code /actuator/health}: UP when the cluster answers a describe
 * request within {@code herald.api.kafka-health-timeout}, so the API reports ready only
 * when it can take events.
 */
@Component
class KafkaHealthIndicator implements HealthIndicator {

	private final Admin admin;

	private final long timeoutMs;

	KafkaHealthIndicator(Admin kafkaHealthAdmin, HeraldApiProperties properties) {
		this.admin = kafkaHealthAdmin;
		this.timeoutMs = properties.kafkaHealthTimeout().toMillis();
	}

	@Override
	public Health health() {
		try {
			DescribeClusterResult cluster = this.admin
				.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeoutMs));
			String clusterId = cluster.clusterId().get(this.timeoutMs, TimeUnit.MILLISECONDS);
			int brokers = cluster.nodes().get(this.timeoutMs, TimeUnit.MILLISECONDS).size();
			return Health.up().withDetail("clusterId", clusterId).withDetail("brokers", brokers).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().withDetail("error", "interrupted").build();
		}
		catch (Exception ex) {
			return Health.down().withDetail("error", "Kafka cluster not reachable").build();
		}
	}

}
