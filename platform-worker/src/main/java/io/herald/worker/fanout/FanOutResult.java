package io.herald.worker.fanout;

import java.util.List;
import java.util.Set;

import io.herald.core.channel.Channel;
import io.herald.core.notification.NotificationStatus;

/**
 * What one batch fan-out did.
 *
 * @param stored the events this call stored; an event the log already held is not in it
 * (a duplicate: nothing else was done for it)
 * @param created the notifications it inserted
 * @param filtered how many (event, matching subscription) pairs did not pass the filter
 */
record FanOutResult(Set<EventKey> stored, List<Created> created, int filtered) {

	/** One inserted notification. */
	record Created(Channel channel, NotificationStatus status) {
	}

}
