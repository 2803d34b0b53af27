package io.herald.core.support;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list in the list's order; {@code nextCursor} fetches the next page and is
 * null on the last one. Keyset paging: a page starts after the sort key of the previous
 * page's last item, so rows inserted meanwhile never repeat or shift an item.
 */
public record Page<T>(List<T> items, String nextCursor) {

	public Page {
		items = List.copyOf(items);
	}

	/**
	 * The page from rows fetched with {@link PageQuery#fetchSize()}: one row more than
	 * the limit means there is a next page, starting after the last row shown.
	 * @param position the cursor naming a row's sort key
	 */
	public static <T> Page<T> of(List<T> rows, PageQuery query, Function<T, PageCursor> position) {
		if (rows.size() <= query.limit()) {
			return new Page<>(rows, null);
		}
		List<T> shown = rows.subList(0, query.limit());
		return new Page<>(shown, position.apply(shown.get(shown.size() - 1)).encode());
	}

	public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
		return new Page<>(this.items.stream().<R>map(mapper).toList(), this.nextCursor);
	}

}
