package io.herald.core.subscription;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SubscriptionFiltersTests {

	private final SubscriptionFilters filters = new SubscriptionFilters();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Object> event = Map.of("id", "e-1", "source", "/shop", "type", "UserRegistered",
			"subject", "user-42", "time", "", "datacontenttype", "application/json");

	@Test
	void filterOverEventAndDataMatchesWhenTrue() {
		Object data = data("{\"plan\":\"pro\",\"seats\":3}");
		assertThat(this.filters.matches("data.plan == 'pro' && event.subject != ''", this.event, data)).isTrue();
		assertThat(this.filters.matches("data.plan == 'free'", this.event, data)).isFalse();
	}

	@Test
	void jsonNumbersCompareWithIntegerAndDoubleLiterals() {
		Object data = data("{\"seats\":3,\"amount\":10.5,\"items\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}");
		assertThat(this.filters.matches("data.seats > 2 && data.amount > 10", this.event, data)).isTrue();
		assertThat(this.filters.matches("data.seats == 3.0", this.event, data)).isTrue();
		assertThat(this.filters.matches("data.items.exists(i, i.sku == 'b')", this.event, data)).isTrue();
		assertThat(this.filters.matches("size(data.items) == 3", this.event, data)).isFalse();
	}

	@Test
	void jsonNullIsCelNull() {
		assertThat(this.filters.matches("data.coupon == null", this.event, data("{\"coupon\":null}"))).isTrue();
	}

	@Test
	void missingKeyIsANonMatchNotAnError() {
		assertThat(this.filters.matches("data.user.name == 'x'", this.event, data("{\"plan\":\"pro\"}"))).isFalse();
		assertThat(this.filters.matches("has(data.user)", this.event, data("{\"plan\":\"pro\"}"))).isFalse();
		assertThat(this.filters.matches("has(data.plan)", this.event, data("{\"plan\":\"pro\"}"))).isTrue();
	}

	@Test
	void blankOrMissingFilterMatchesEverything() {
		assertThat(this.filters.matches(null, this.event, null)).isTrue();
		assertThat(this.filters.matches("  ", this.event, null)).isTrue();
		assertThatNoException().isThrownBy(() -> this.filters.check(null));
	}

	@Test
	void syntaxErrorNamesItsPosition() {
		InvalidFilterException ex = catchThrowableOfType(InvalidFilterException.class,
				() -> this.filters.check("data.plan == 'pro' &&"));
		assertThat(ex.position()).isEqualTo(22);
		assertThat(ex.getMessage()).contains("position 22");
	}

	@Test
	void unknownVariableIsRefusedWithItsPosition() {
		InvalidFilterException ex = catchThrowableOfType(InvalidFilterException.class,
				() -> this.filters.check("event.type == 'A' || payload.x == 1"));
		assertThat(ex.position()).isEqualTo(22);
		assertThat(ex.getMessage()).contains("payload");
	}

	@Test
	void nonBooleanFilterIsRefused() {
		InvalidFilterException ex = catchThrowableOfType(InvalidFilterException.class,
				() -> this.filters.check("event.subject + 'x'"));
		assertThat(ex).isNotNull();
		assertThat(ex.position()).isPositive();
	}

	@Test
	void checkAcceptsAValidFilter() {
		assertThatNoException().isThrownBy(() -> this.filters.check("event.type in ['A', 'B'] && data.n > 1"));
	}

	private Object data(String json) {
		return this.json.convertValue(this.json.readTree(json), Object.class);
	}

	@Test
	void concatenationWithinTheBudgetWorks() {
		Object data = Map.of("a", "x", "b", "y", "l", java.util.List.of(1L, 2L));
		assertThat(this.filters.matches("data.a + data.b == 'xy' && size(data.l + data.l) == 4", this.event, data))
			.isTrue();
		assertThat(this.filters.matches("event.type.matches('^User') && 'abc'.matches('b')", this.event, data))
			.isTrue();
	}

	@Test
	void aFilterThatBuildsHugeStringsIsStoppedAsANonMatch() {
		Object data = Map.of("s", "x".repeat(100_000), "items", java.util.Collections.nCopies(900, 1L));
		assertThat(this.filters.matches("data.items.map(i, data.s + data.s).size() > 0", this.event, data)).isFalse();
		assertThat(this.filters.matches("data.items.map(i, data.items + data.items).size() > 0", this.event, data))
			.isFalse();
	}

	@Test
	void loopIterationsAreCountedOverTheWholeEvaluation() {
		Object data = Map.of("items", java.util.Collections.nCopies(100, 1L));
		assertThat(this.filters.matches("data.items.all(x, x == 1)", this.event, data)).isTrue();
		assertThat(this.filters.matches("data.items.all(x, data.items.all(y, x == y))", this.event, data)).isFalse();
	}

	@Test
	void aPatternFromTheEventDataCannotBacktrackOrExhaustMemory() {
		Object data = Map.of("text", "a".repeat(29) + "b", "evil", "^(.*a){20}$", "huge", "((a{1000}){1000}){1000}");
		assertThat(this.filters.matches("data.text.matches(data.evil)", this.event, data)).isFalse();
		assertThat(this.filters.matches("matches(data.text, data.huge)", this.event, data)).isFalse();
	}

}
