package io.herald.worker.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiFunction;

import io.herald.worker.config.HeraldWorkerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Error handling of the {@code herald.events} binding: a {@link DeadLetterException} goes
 * to the dead-letter topic at once; any other failure is retried with the binding's
 * back-off ({@code spring.cloud.stream.bindings.heraldEvents-in-0.consumer.max-attempts},
 * {@code back-off-*}) and then dead-lettered. The dead letter is the original record
 * (key, value, headers) plus {@code herald-dlq-*} headers in plain text. Its own producer
 * keeps it apart from any other Kafka client in the JVM.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

	static final String REASON = "herald-dlq-reason";

	static final String ORIGINAL_TOPIC = "herald-dlq-original-topic";

	static final String ORIGINAL_PARTITION = "herald-dlq-original-partition";

	static final String ORIGINAL_OFFSET = "herald-dlq-original-offset";

	static final String TENANT = "herald-dlq-tenant";

	static final String EVENT_ID = "herald-dlq-event-id";

	static final String FAILED_AT = "herald-dlq-failed-at";

	private static final Logger log = LoggerFactory.getLogger(DeadLetterConfiguration.class);

	@Bean(destroyMethod = "destroy")
	DefaultKafkaProducerFactory<byte[], byte[]> heraldDlqProducerFactory(KafkaProperties kafka) {
		Map<String, Object> config = kafka.buildProducerProperties();
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "herald-worker-dlq");
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return new DefaultKafkaProducerFactory<>(config, new ByteArraySerializer(), new ByteArraySerializer());
	}

	@Bean
	KafkaTemplate<byte[], byte[]> heraldDlqKafkaTemplate(ProducerFactory<byte[], byte[]> heraldDlqProducerFactory) {
		return new KafkaTemplate<>(heraldDlqProducerFactory);
	}

	@Bean
	ListenerContainerWithDlqAndRetryCustomizer heraldEventsErrorHandling(
			KafkaTemplate<byte[], byte[]> heraldDlqKafkaTemplate, HeraldWorkerProperties properties,
			MeterRegistry meters) {
		String topic = properties.events().deadLetterTopic();
		Counter published = meters.counter("herald.dlq.published");
		return new ListenerContainerWithDlqAndRetryCustomizer() {

			@Override
			public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName,
					String group, BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
					BackOff backOff) {
				DefaultErrorHandler handler = new DefaultErrorHandler(
						recoverer(heraldDlqKafkaTemplate, topic, published),
						(backOff != null) ? backOff : new FixedBackOff(0L, 0L));
				handler.addNotRetryableExceptions(DeadLetterException.class);
				handler.setCommitRecovered(true);
				container.setCommonErrorHandler(handler);
			}

			@Override
			public boolean retryAndDlqInBinding(String destinationName, String group) {
				return false;
			}

		};
	}

	private static ConsumerAwareRecordRecoverer recoverer(KafkaTemplate<byte[], byte[]> template, String topic,
			Counter published) {
		// partition -1: the producer partitions by the original key, whatever the DLQ's
		// partition count
		DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(topic, -1));
		publisher.excludeHeader(HeadersToAdd.EX_STACKTRACE);
		publisher.setHeadersFunction(DeadLetterConfiguration::heraldHeaders);
		return (record, consumer, exception) -> {
			publisher.accept(record, consumer, exception);
			published.increment();
			DeadLetterException deadLetter = deadLetter(exception);
			log.warn("Event sent to the dead-letter topic {}: tenant={} eventId={} reason={} from={}-{}@{}", topic,
					(deadLetter != null) ? deadLetter.tenantId() : null,
					(deadLetter != null) ? deadLetter.eventId() : null, reason(exception), record.topic(),
					record.partition(), record.offset());
		};
	}

	private static Headers heraldHeaders(ConsumerRecord<?, ?> record, Exception exception) {
		Headers headers = new RecordHeaders();
		add(headers, REASON, reason(exception));
		add(headers, ORIGINAL_TOPIC, record.topic());
		add(headers, ORIGINAL_PARTITION, String.valueOf(record.partition()));
		add(headers, ORIGINAL_OFFSET, String.valueOf(record.offset()));
		add(headers, FAILED_AT, Instant.now().toString());
		DeadLetterException deadLetter = deadLetter(exception);
		if (deadLetter != null && deadLetter.tenantId() != null) {
			add(headers, TENANT, deadLetter.tenantId().toString());
		}
		if (deadLetter != null && deadLetter.eventId() != null) {
			add(headers, EVENT_ID, deadLetter.eventId());
		}
		return headers;
	}

	static String reason(Exception exception) {
		DeadLetterException deadLetter = deadLetter(exception);
		if (deadLetter != null) {
			return deadLetter.reason();
		}
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(exception);
		String message = (cause.getMessage() != null) ? cause.getMessage() : "no message";
		return DeadLetterException.oneLine("processing kept failing after retries: " + message);
	}

	private static DeadLetterException deadLetter(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof DeadLetterException deadLetter) {
				return deadLetter;
			}
		}
		return null;
	}

	private static void add(Headers headers, String name, String value) {
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
