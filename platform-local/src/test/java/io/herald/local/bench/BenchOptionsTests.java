package io.herald.local.bench;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
	void theWarmUpEndsWithACheckpointUnlessTurnedOff() {
		assertThat(BenchOptions.parse(List.of()).checkpoint()).isTrue();
		assertThat(BenchOptions.parse(List.of("--checkpoint=false")).checkpoint()).isFalse();
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

	@Test
	void theReplayScenarioReplaysAThousandRowsAt100PerSecondUnlessToldOtherwise() {
		BenchOptions defaults = BenchOptions.parse(List.of("--scenario=replay"));
		assertThat(defaults.replayRows()).isEqualTo(1_000);
		assertThat(defaults.replayRate()).isEqualTo(100);
		BenchOptions given = BenchOptions
			.parse(List.of("--scenario=replay", "--replay-rows=100000", "--replay-rate=1000"));
		assertThat(given.replayRows()).isEqualTo(100_000);
		assertThat(given.replayRate()).isEqualTo(1_000);
		assertThatThrownBy(() -> BenchOptions.parse(List.of("--replay-rate=1001")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("at most 1000");
		assertThatThrownBy(() -> BenchOptions.parse(List.of("--replay-rows=0")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("--replay-rows must be positive");
	}

	@Test
	void appsRunTheParallelCollectorUnlessTheGivenJvmOptionsNameAnother() {
		assertThat(BenchOptions.parse(List.of()).appJvm()).containsExactly("-Xmx512m", "-XX:+UseParallelGC");
		assertThat(BenchOptions.parse(List.of("--app-heap=1g", "--app-jvm-options= -XX:+UseG1GC  -Xss512k ")).appJvm())
			.containsExactly("-Xmx1g", "-XX:+UseG1GC", "-Xss512k");
		assertThat(BenchOptions.parse(List.of("--app-jvm-options=-XX:TieredStopAtLevel=1")).appJvm())
			.containsExactly("-Xmx512m", "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1");
		assertThatThrownBy(() -> BenchOptions.parse(List.of("--app-jvm-options=-Xmx2g")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("--app-heap");
		assertThatThrownBy(() -> BenchOptions.parse(List.of("--app-jvm-options=UseParallelGC")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("each starting with '-'");
	}

}
