package io.herald.core.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PageQueryTests {

	@Test
	void aCursorFindsItsPositionAgainInItsOwnList() {
		Instant at = Instant.parse("2026-11-26T10:00:00.123456Z");
		UUID id = UUID.randomUUID();
		String cursor = new TimeKey(at, id).cursor("notifications").encode();
		assertThat(cursor).matches("[A-Za-z0-9_-]+");
		assertThat(new PageQuery(10, cursor).newestFirst("notifications")).isEqualTo(new TimeKey(at, id));
		assertThat(new PageQuery(10, PageCursor.of("event-types", "Order Placed/ü").encode()).afterText("event-types"))
			.isEqualTo("Order Placed/ü");
	}

	@Test
	void aCursorOfAnotherListOrAMadeUpOneIsInvalidInputOnTheCursorField() {
		String eventTypes = PageCursor.of("event-types", "A").encode();
		for (String bad : List.of(eventTypes, "not a cursor", "%%%", "x".repeat(3000),
				PageCursor.of("notifications", "yesterday", "nope").encode(),
				PageCursor.of("notifications", "2026-11-26T10:00:00Z").encode())) {
			assertThatExceptionOfType(InvalidInputException.class)
				.isThrownBy(() -> new PageQuery(10, bad).newestFirst("notifications"))
				.satisfies((ex) -> assertThat(ex.problems().get(0).field()).isEqualTo("cursor"));
		}
	}

	@Test
	void theLimitIsOneToFiveHundredAndFiftyByDefault() {
		assertThat(PageQuery.of(null, " ").limit()).isEqualTo(50);
		assertThat(PageQuery.of(null, " ").cursor()).isNull();
		assertThat(PageQuery.of(500, null).fetchSize()).isEqualTo(501);
		for (int bad : new int[] { 0, -1, 501 }) {
			assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> PageQuery.of(bad, null))
				.satisfies((ex) -> assertThat(ex.problems().get(0).field()).isEqualTo("limit"));
		}
	}

	@Test
	void aPageEndsWithTheCursorOfItsLastItemOnlyWhenMoreRowsFollow() {
		PageQuery query = PageQuery.first(2);
		Page<String> full = Page.of(List.of("a", "b", "c"), query, (s) -> PageCursor.of("letters", s));
		assertThat(full.items()).containsExactly("a", "b");
		assertThat(new PageQuery(2, full.nextCursor()).afterText("letters")).isEqualTo("b");
		Page<String> last = Page.of(List.of("a", "b"), query, (s) -> PageCursor.of("letters", s));
		assertThat(last.nextCursor()).isNull();
		assertThat(last.map(String::toUpperCase).items()).containsExactly("A", "B");
	}

}
