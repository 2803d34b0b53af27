package io.herald.api.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the tenant API ({@code herald.api.*}).
 *
 * @param topicPartitions partitions of both topics ({@code herald.topics.*}) when the API
 * creates them
 * @param topicReplicas replication factor of both topics when the API creates them; unset
 * means the broker's default
 * @param publishTimeout how long a publish may wait for the broker's acknowledgement
 * before the API answers 503
 * @param kafkaHealthTimeout how long the health check waits for the Kafka cluster
 * @param maxRequestSize largest request body accepted (413 beyond)
 */
@Validated
@ConfigurationProperties("herald.api")
public record HeraldApiProperties(@Min(1) @Max(10_000) @DefaultValue("3") int topicPartitions,
		@Min(1) @Max(32) Integer topicReplicas, @NotNull @DefaultValue("5s") Duration publishTimeout,
		@NotNull @DefaultValue("2s") Duration kafkaHealthTimeout,
		@NotNull @DefaultValue("1MB") DataSize maxRequestSize) {

}
