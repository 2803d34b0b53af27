package io.herald.worker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker's consumer lag is measured by the Kafka consumer it already has, not by the
 * binder's lag gauge: that gauge polls with one more consumer per group, and in
 * spring-cloud-stream-binder-kafka 5.0.4 its first poll and the context's close can lock
 * each other for good (a worker that never stops; decision 0117). With the gauge denied
 * the binder schedules no poll at all.
 */
class WorkerMetersIntegrationTests extends IngestIntegrationTestSupport {

	@Test
	void theBindersLagGaugeIsOffAndTheConsumersOwnLagMetersAreThere() {
		assertThat(meters.find("spring.cloud.stream.binder.kafka.offset").meters()).isEmpty();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").meters())
				.isNotEmpty());
	}

}
