package io.herald.worker.fanout;

import java.util.List;

import io.herald.core.channel.Channel;
import io.herald.core.notification.NotificationStatus;

/**
 * What one fan-out did.
 *
 * @param stored whether this call stored the event; {@code false} when the event log
 * already held it (a duplicate: nothing else was done)
 * @param created the notifications it inserted
 * @param filtered how many matching subscriptions the event did not pass the filter of
 */
public record FanOutResult(boolean stored, List<Created> created, int filtered) {

	static final FanOutResult DUPLICATE = new FanOutResult(false, List.of(), 0);

	/** One inserted notification. */
	public record Created(Channel channel, NotificationStatus status) {
	}

}
