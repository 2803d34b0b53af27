package io.herald.core.support;

import java.time.Instant;
import java.util.UUID;

/**
 * The sort key of lists in time order: creation time, then id to break ties.
 */
public record TimeKey(Instant at, UUID id) {

	/** Before every row: where an oldest-first list starts. */
	public static final TimeKey BEFORE_ALL = new TimeKey(Instant.EPOCH, new UUID(0L, 0L));

	/** After every row: where a newest-first list starts. */
	public static final TimeKey AFTER_ALL = new TimeKey(Instant.parse("9999-12-31T00:00:00Z"), new UUID(-1L, -1L));

	public PageCursor cursor(String list) {
		return PageCursor.of(list, this.at, this.id);
	}

}
