package io.herald.core.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogSafeTests {

	@Test
	void ordinaryTextIsUnchanged() {
		assertThat(LogSafe.of("evt-42 OrderPlaced Zoë")).isEqualTo("evt-42 OrderPlaced Zoë");
		assertThat(LogSafe.of(null)).isEqualTo("null");
	}

	@Test
	void lineBreaksAndControlCharactersCannotForgeALogLine() {
		String forged = LogSafe.of("evt-1\r\n2026-11-28 INFO  tenant=other login ok\u0000\u2028\u001b[31m");
		assertThat(forged).doesNotContain("\n", "\r", "\u0000", "\u2028", "\u001b")
			.isEqualTo("evt-1\\r\\n2026-11-28 INFO  tenant=other login ok\\u0000\\u2028\\u001b[31m");
	}

	@Test
	void longValuesAreCutAndSayHowLongTheyWere() {
		assertThat(LogSafe.of("x".repeat(10_000))).hasSize(LogSafe.MAX_LENGTH + "…(10000 chars)".length())
			.endsWith("…(10000 chars)");
	}

	@Test
	void addressesQuotedByAProviderAreRedactedWhateverTheirCase() {
		String error = "webhook answered 400: unknown user GRACE.Hopper@example.com\n2026-11-28 INFO forged";
		assertThat(LogSafe.without(error, "grace.hopper@example.com", null, ""))
			.isEqualTo("webhook answered 400: unknown user [redacted]\\n2026-11-28 INFO forged");
		assertThat(LogSafe.without("token a.b+c* rejected", "a.b+c*")).isEqualTo("token [redacted] rejected");
		assertThat(LogSafe.without(null, "x")).isEqualTo("null");
	}

}
