package io.herald.worker.delivery;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the delivery feature: its properties and the dispatch loop, which
 * {@code herald.delivery.dispatcher.enabled=false} leaves out (for instances or tests
 * that only ingest).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfiguration {

	@Bean
	@ConditionalOnProperty(name = "herald.delivery.dispatcher.enabled", havingValue = "true", matchIfMissing = true)
	OutboxDispatcher outboxDispatcher(DeliveryProperties properties, OutboxClaims claims, NotificationDelivery delivery,
			DeliveryMetrics metrics) {
		return new OutboxDispatcher(properties, claims, delivery, metrics);
	}

}
