package io.herald.local.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WarmupTests {

	private static final long TEN_SECONDS = 10_000_000_000L;

	@Test
	void jitPercentIsCompileTimeInTheRoundOverTheRoundsLengthPerJvm() {
		Map<String, Long> before = ordered("worker-1", 20_000_000_000L, "api", 5_000_000_000L, "bench JVM", -1L);
		Map<String, Long> after = ordered("worker-1", 23_500_000_000L, "api", 5_100_000_000L, "bench JVM", -1L);
		Map<String, Double> percent = Warmup.jitPercent(before, after, TEN_SECONDS);
		assertThat(percent).containsOnlyKeys("worker-1", "api");
		assertThat(percent.get("worker-1")).isEqualTo(35.0);
		assertThat(percent.get("api")).isEqualTo(1.0);
		assertThat(Warmup.describe(percent)).isEqualTo("worker-1 35 %, api 1 %");
	}

	@Test
	void theJitHasSettledWhenNoJvmCompiledMoreThanTheThreshold() {
		assertThat(Warmup.settled(Map.of("worker-1", 35.0, "api", 1.0), 10)).isFalse();
		assertThat(Warmup.settled(Map.of("worker-1", 9.5, "api", 10.0), 10)).isTrue();
		// two compiler threads can take more than one core
		assertThat(Warmup.settled(Map.of("worker-1", 140.0), 100)).isFalse();
	}

	@Test
	void theSummarySaysWhetherTheRunMeasuredTheJit() {
		Map<String, Double> last = ordered("worker-1", 6.0, "api", 0.0);
		assertThat(new Warmup(100_000, 101.4, 5, true, last, "CHECKPOINT in 0.8 s").summary(10))
			.isEqualTo("100,000 warm-up events in 101 s (5 rounds), JIT settled (at most 10 % of a core per JVM); "
					+ "JIT compiling in the last round: worker-1 6 %, api 0 %; then CHECKPOINT in 0.8 s");
		assertThat(new Warmup(300_000, 300, 15, false, Map.of("worker-1", 12.0), null).summary(10))
			.contains("NOT settled within --warmup-max")
			.endsWith("; no CHECKPOINT (--checkpoint=false)");
		assertThat(new Warmup(20_000, 21, 1, true, Map.of(), null).summary(0))
			.startsWith("20,000 warm-up events in 21 s (1 round), JIT not watched");
		assertThat(Warmup.NONE.summary(10)).isEqualTo("no warm-up");
	}

	@SuppressWarnings("unchecked")
	private static <V> Map<String, V> ordered(Object... pairs) {
		Map<String, V> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], (V) pairs[i + 1]);
		}
		return map;
	}

}
