package io.herald.worker.event;

import java.util.function.Consumer;

import io.herald.core.event.CloudEventEnvelope;
import io.herald.worker.fanout.AcceptedEvent;
import io.herald.worker.fanout.FanOut;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The Spring Cloud Stream consumer of {@code herald.events} (binding
 * {@code heraldEvents-in-0}). It returns only when the event's effects are committed, so
 * the offset is committed after them: at-least-once delivery, made exactly-once in effect
 * by {@link EventDeduplicator}. A {@link DeadLetterException} sends the record to the
 * dead-letter topic at once; any other exception is retried by the binder's back-off and
 * then dead-lettered too.
 */
@Component("heraldEvents")
class EventConsumer implements Consumer<Message<byte[]>> {

	private final CloudEventMessages messages;

	private final EventAcceptance acceptance;

	private final EventDeduplicator deduplicator;

	private final FanOut fanOut;

	private final Counter consumed;

	EventConsumer(CloudEventMessages messages, EventAcceptance acceptance, EventDeduplicator deduplicator,
			FanOut fanOut, MeterRegistry meters) {
		this.messages = messages;
		this.acceptance = acceptance;
		this.deduplicator = deduplicator;
		this.fanOut = fanOut;
		this.consumed = meters.counter("herald.events.consumed");
	}

	@Override
	public void accept(Message<byte[]> message) {
		this.consumed.increment();
		CloudEventEnvelope event = this.messages.read(message);
		AcceptedEvent accepted = this.acceptance.accept(event);
		this.deduplicator.processOnce(accepted.tenantId(), event.id(), () -> this.fanOut.fanOut(accepted).stored());
	}

}
