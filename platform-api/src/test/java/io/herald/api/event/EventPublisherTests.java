package io.herald.api.event;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.herald.api.config.HeraldApiProperties;
import io.herald.api.web.ProblemException;
import io.herald.api.web.ProblemType;
import io.herald.core.config.HeraldCoreProperties;
import io.herald.core.event.CloudEventCodec;
import io.herald.core.event.CloudEventEnvelope;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EventPublisherTests {

	private static final HeraldCoreProperties CORE = HeraldCoreProperties.defaults();

	@Test
	void unreachableKafkaIsReportedAsUnavailableWithinThePublishTimeout() throws Exception {
		HeraldApiProperties properties = new HeraldApiProperties(3, null, Duration.ofSeconds(1), Duration.ofSeconds(1),
				DataSize.ofMegabytes(1));
		DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort(),
				ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
		try {
			EventPublisher publisher = new EventPublisher(new KafkaTemplate<>(factory),
					new CloudEventCodec(JsonMapper.builder().build()), CORE, properties);
			CloudEventEnvelope event = new CloudEventEnvelope("e-1", "/test", "UserRegistered", "u-1", Instant.now(),
					null, null, UUID.randomUUID());
			long started = System.nanoTime();
			ProblemException problem = catchThrowableOfType(ProblemException.class, () -> publisher.publish(event));
			assertThat(problem.type()).isEqualTo(ProblemType.EVENT_LOG_UNAVAILABLE);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		}
		finally {
			factory.destroy();
		}
	}

	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
