package io.herald.worker.event;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.herald.worker.event.CloudEventMessages.Incoming;
import io.herald.worker.fanout.AcceptedEvent;
import io.herald.worker.fanout.EventKey;
import io.herald.worker.fanout.FanOut;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The Spring Cloud Stream consumer of {@code herald.events} (binding
 * {@code heraldEvents-in-0}, batch mode): one poll's records at a time. It reads and
 * checks the records in order up to the first one that fails, deduplicates that prefix
 * ({@link EventDeduplicator}: two Redis round trips) and fans it out in one transaction
 * ({@link FanOut}). It returns only when those effects are committed, so the offsets are
 * committed after them: at-least-once delivery, exactly-once in effect.
 * <p>
 * A failure is reported as a {@link BatchListenerFailedException} naming the first record
 * that was not committed: the container commits the records before it, seeks back to it
 * and lets {@link DeadLetterConfiguration} decide by {@link IngestFailure} whether that
 * one record goes to the dead-letter topic alone (poison) or is retried (transient:
 * without limit). When the database refuses a batch for one record's data, the batch is
 * redone one event at a time to find that record.
 */
@Component("heraldEvents")
class EventConsumer implements Consumer<Message<List<byte[]>>> {

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
	public void accept(Message<List<byte[]>> batch) {
		List<Incoming> records = CloudEventMessages.split(batch);
		this.consumed.increment(records.size());
		List<AcceptedEvent> accepted = new ArrayList<>(records.size());
		RuntimeException stopped = null;
		for (Incoming record : records) {
			try {
				accepted.add(this.acceptance.accept(this.messages.read(record)));
			}
			catch (RuntimeException ex) {
				stopped = ex;
				break;
			}
		}
		process(accepted);
		if (stopped != null) {
			throw failed(accepted.size(), stopped);
		}
	}

	/** Processes events 0..n-1 of the batch, which all passed the checks. */
	private void process(List<AcceptedEvent> accepted) {
		if (accepted.isEmpty()) {
			return;
		}
		try {
			this.deduplicator.processOnce(accepted.stream().map(EventKey::of).toList(),
					(todo) -> this.fanOut.fanOut(select(accepted, todo)));
		}
		catch (RuntimeException ex) {
			if (!IngestFailure.isDataError(ex)) {
				throw failed(0, ex);
			}
			oneByOne(accepted);
		}
	}

	/**
	 * The batch failed on data the database refused: commit the events before the bad
	 * one, each alone, and name the bad one. The database guard keeps this exactly-once.
	 */
	private void oneByOne(List<AcceptedEvent> accepted) {
		for (int index = 0; index < accepted.size(); index++) {
			AcceptedEvent event = accepted.get(index);
			try {
				this.fanOut.fanOut(List.of(event));
			}
			catch (RuntimeException ex) {
				if (IngestFailure.isDataError(ex)) {
					throw failed(index,
							new DeadLetterException(
									"the database refused the event's data: "
											+ NestedExceptionUtils.getMostSpecificCause(ex).getMessage(),
									event.tenantId(), event.eventId()));
				}
				throw failed(index, ex);
			}
		}
	}

	/** The first of each event, in batch order, for the events the deduplicator left. */
	private static List<AcceptedEvent> select(List<AcceptedEvent> accepted, List<EventKey> todo) {
		Set<EventKey> wanted = new HashSet<>(todo);
		List<AcceptedEvent> selected = new ArrayList<>(todo.size());
		for (AcceptedEvent event : accepted) {
			if (wanted.remove(EventKey.of(event))) {
				selected.add(event);
			}
		}
		return selected;
	}

	private static BatchListenerFailedException failed(int index, RuntimeException cause) {
		return new BatchListenerFailedException(
				IngestFailure.of(cause) + " failure of record " + index + " of the batch", cause, index);
	}

}
