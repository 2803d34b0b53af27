package io.herald.local.bench;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchOptionsTests {

	@Test
	void warmUpDefaultsToTwentySecondsOfTheRateOrTenThousandEventsAsFastAsPossible() {
		assertThat(BenchOptions.parse(List.of("--rate=500")).warmup()).isEqualTo(10_000);
		assertThat(BenchOptions.parse(List.of("--rate=100")).warmup()).isEqualTo(2_000);
		assertThat(BenchOptions.parse(List.of("--rate=5000")).warmup()).isEqualTo(20_000);
		assertThat(BenchOptions.parse(List.of()).warmup()).isEqualTo(10_000);
		assertThat(BenchOptions.parse(List.of("--rate=500", "--warmup=0")).warmup()).isZero();
	}

	@Test
	void warmUpGoesOnUntilTheJitHasSettledForAtMostFiveMinutesByDefault() {
		BenchOptions defaults = BenchOptions.parse(List.of());
		assertThat(defaults.warmupJit()).isEqualTo(10);
		assertThat(defaults.warmupMax()).isEqualTo(Duration.ofMinutes(5));
		BenchOptions given = BenchOptions.parse(List.of("--warmup-jit=0", "--warmup-max=60s"));
		assertThat(given.warmupJit()).isZero();
		assertThat(given.warmupMax()).isEqualTo(Duration.ofSeconds(60));
	}

}
