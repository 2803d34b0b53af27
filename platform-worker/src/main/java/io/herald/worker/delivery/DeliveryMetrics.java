package io.herald.worker.delivery;

import java.time.Duration;

import io.herald.core.channel.Channel;
import io.herald.core.delivery.AttemptOutcome;
import io.herald.core.notification.NotificationStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Delivery meters: attempts by channel and outcome, send latency per channel, and every
 * status a notification enters.
 */
@Component
class DeliveryMetrics {

	private final MeterRegistry registry;

	DeliveryMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Counts an attempt; {@code latency} is null for an attempt whose result was lost.
	 */
	void attempt(Channel channel, AttemptOutcome outcome, Duration latency) {
		Counter.builder("herald.delivery.attempts")
			.description("Delivery attempts by channel and outcome")
			.tag("channel", channel.name())
			.tag("outcome", outcome.name())
			.register(this.registry)
			.increment();
		if (latency == null) {
			return;
		}
		Timer.builder("herald.delivery.latency")
			.description("Time from the start of an attempt until the provider answered")
			.tag("channel", channel.name())
			.publishPercentileHistogram()
			.register(this.registry)
			.record(latency);
	}

	void entered(NotificationStatus status, Channel channel, int count) {
		Counter.builder("herald.notifications.status")
			.description("Notifications entering a status, by channel")
			.tag("status", status.name())
			.tag("channel", channel.name())
			.register(this.registry)
			.increment(count);
	}

}
