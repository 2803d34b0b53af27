package io.herald.core.support;

import java.util.Optional;

import io.herald.core.error.InvalidInputException;

/**
 * What page of a list a caller wants: at most {@code limit} items after the position in
 * {@code cursor} (none for the first page). Every list of the API and the console takes
 * one and answers a {@link Page}.
 *
 * @param limit 1 to {@link #MAX_LIMIT}
 * @param cursor a {@link Page#nextCursor()} of the same list, or null for the first page
 */
public record PageQuery(int limit, String cursor) {

	public static final int DEFAULT_LIMIT = 50;

	public static final int MAX_LIMIT = 500;

	/**
	 * @throws InvalidInputException for a limit outside 1 to {@link #MAX_LIMIT}
	 */
	public PageQuery {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw InvalidInputException.of("limit", "must be between 1 and " + MAX_LIMIT);
		}
		cursor = (cursor == null || cursor.isBlank()) ? null : cursor.strip();
	}

	/** A null limit means {@link #DEFAULT_LIMIT}. */
	public static PageQuery of(Integer limit, String cursor) {
		return new PageQuery((limit != null) ? limit : DEFAULT_LIMIT, cursor);
	}

	public static PageQuery first(int limit) {
		return new PageQuery(limit, null);
	}

	/**
	 * Where the previous page of {@code list} ended, empty for the first page.
	 * @throws InvalidInputException when the cursor was not handed out by {@code list}
	 */
	public Optional<PageCursor> after(String list, int keys) {
		return Optional.ofNullable(this.cursor).map((text) -> PageCursor.decode(list, keys, text));
	}

	/** Where an oldest-first page of {@code list} starts. */
	public TimeKey oldestFirst(String list) {
		return after(list, 2).map(PageQuery::timeKey).orElse(TimeKey.BEFORE_ALL);
	}

	/** Where a newest-first page of {@code list} starts. */
	public TimeKey newestFirst(String list) {
		return after(list, 2).map(PageQuery::timeKey).orElse(TimeKey.AFTER_ALL);
	}

	/** Where a page of {@code list} in text order starts ('' before every row). */
	public String afterText(String list) {
		return after(list, 1).map((cursor) -> cursor.text(0)).orElse("");
	}

	private static TimeKey timeKey(PageCursor cursor) {
		return new TimeKey(cursor.instant(0), cursor.uuid(1));
	}

	/** How many rows to fetch to know whether there is a next page. */
	public int fetchSize() {
		return this.limit + 1;
	}

}
