package io.herald.core.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafeRegexTests {

	@Test
	void ordinaryPatternsWork() {
		assertThat(SafeRegex.compile("^[a-z]{2,8}-\\d+$").matcher("abc-12").find()).isTrue();
		assertThat(SafeRegex.compile("\\p{L}+").matcher("Zoë").find()).isTrue();
		assertThat(SafeRegex.compile("[a-z]{1000}[0-9]{1000}").matcher("x").find()).isFalse();
	}

	@Test
	void catastrophicBacktrackingPatternsMatchInLinearTime() {
		assertThat(SafeRegex.compile("^(.*a){20}$").matcher("a".repeat(29) + "b").find()).isFalse();
		assertThat(SafeRegex.compile("^(a+)+$").matcher("a".repeat(5_000) + "!").find()).isFalse();
	}

	@Test
	void nestedRepetitionThatWouldExpandToMillionsIsRefusedBeforeCompiling() {
		assertThatThrownBy(() -> SafeRegex.compile("((a{1000}){1000}){1000}"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("repeats too much");
		assertThatThrownBy(() -> SafeRegex.compile("(?:[ab]{100}){300}")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void backreferencesLookaroundAndLongPatternsAreRefused() {
		assertThatThrownBy(() -> SafeRegex.compile("(a)\\1")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not supported");
		assertThatThrownBy(() -> SafeRegex.compile("a(?=b)")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> SafeRegex.compile("a".repeat(1_001))).isInstanceOf(IllegalArgumentException.class);
	}

}
