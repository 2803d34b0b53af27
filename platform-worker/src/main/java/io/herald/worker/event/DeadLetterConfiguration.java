package io.herald.worker.event;

import java.util.Map;
import java.util.function.BiFunction;

import io.herald.core.config.HeraldCoreProperties;
import io.herald.core.support.LogSafe;
import io.herald.worker.config.HeraldWorkerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Error handling of the {@code herald.events} binding, for the one record a batch failed
 * on ({@link EventConsumer} names it): a poison record ({@link IngestFailure#POISON})
 * goes to the dead-letter topic at once; a transient infrastructure failure is retried
 * without limit, with back-off up to {@code herald.worker.events.transient-back-off-max},
 * and never dead-lettered; anything else is retried with the binding's back-off
 * ({@code spring.cloud.stream.bindings.heraldEvents-in-0.consumer.max-attempts},
 * {@code back-off-*}) and then dead-lettered. Records before the failed one are
 * committed, those after it are polled again. The dead letter is the original record
 * (key, value, headers) plus {@link DeadLetterHeaders}. Its own producer keeps it apart
 * from any other Kafka client in the JVM.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

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
			KafkaTemplate<byte[], byte[]> heraldDlqKafkaTemplate, HeraldCoreProperties core,
			HeraldWorkerProperties properties, MeterRegistry meters) {
		ConsumerAwareRecordRecoverer recoverer = recoverer(heraldDlqKafkaTemplate, core.topics().deadLetter(),
				meters.counter("herald.dlq.published"));
		return new ListenerContainerWithDlqAndRetryCustomizer() {

			@Override
			public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName,
					String group, BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
					BackOff backOff) {
				DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
						(backOff != null) ? backOff : new FixedBackOff(0L, 0L));
				handler.addNotRetryableExceptions(DeadLetterException.class);
				BackOff transientBackOff = transientBackOff(properties.events());
				handler.setBackOffFunction(
						(record, ex) -> (IngestFailure.of(ex) == IngestFailure.TRANSIENT) ? transientBackOff : null);
				handler.setCommitRecovered(true);
				handler.setRetryListeners(DeadLetterConfiguration::failedDelivery);
				// failedDelivery logs each retry in one escaped line; the container's own
				// stack trace of it (whose messages may quote the event's values) only at
				// DEBUG
				handler.setLogLevel(KafkaException.Level.DEBUG);
				container.setCommonErrorHandler(handler);
			}

			@Override
			public boolean retryAndDlqInBinding(String destinationName, String group) {
				return false;
			}

		};
	}

	private static BackOff transientBackOff(HeraldWorkerProperties.Events events) {
		ExponentialBackOff backOff = new ExponentialBackOff(events.transientBackOffInitial().toMillis(), 2.0);
		backOff.setMaxInterval(events.transientBackOffMax().toMillis());
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		backOff.setMaxAttempts(Integer.MAX_VALUE);
		return backOff;
	}

	private static ConsumerAwareRecordRecoverer recoverer(KafkaTemplate<byte[], byte[]> template, String topic,
			Counter published) {
		// partition -1: the producer partitions by the original key, whatever the
		// dead-letter topic's partition count
		DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(topic, -1));
		publisher.excludeHeader(HeadersToAdd.EX_STACKTRACE);
		publisher.setHeadersFunction(DeadLetterHeaders::of);
		return (record, consumer, exception) -> {
			publisher.accept(record, consumer, exception);
			published.increment();
			DeadLetterException deadLetter = DeadLetterHeaders.deadLetter(exception);
			if (deadLetter != null) {
				log.warn("Event sent to the dead-letter topic {}: tenant={} eventId={} reason={} from={}-{}@{}", topic,
						deadLetter.tenantId(), LogSafe.of(deadLetter.eventId()), LogSafe.of(deadLetter.reason()),
						record.topic(), record.partition(), record.offset());
			}
			else {
				// the exception chain's messages may quote the event's values: one
				// escaped line
				// at ERROR, the stack trace at DEBUG
				log.error("Record sent to the dead-letter topic {} after its retries: reason={} from={}-{}@{}", topic,
						LogSafe.of(DeadLetterHeaders.reason(exception)), record.topic(), record.partition(),
						record.offset());
				log.debug("Stack trace of the record dead-lettered from {}-{}@{}", record.topic(), record.partition(),
						record.offset(), exception);
			}
		};
	}

	private static void failedDelivery(ConsumerRecord<?, ?> record, Exception exception, int attempt) {
		if (DeadLetterHeaders.deadLetter(exception) == null) {
			log.warn("Processing failed, retrying: kind={} attempt={} record={}-{}@{} cause={}",
					IngestFailure.of(exception), attempt, record.topic(), record.partition(), record.offset(),
					LogSafe.of(DeadLetterException.oneLine(DeadLetterHeaders.rootCause(exception))));
		}
	}

}
