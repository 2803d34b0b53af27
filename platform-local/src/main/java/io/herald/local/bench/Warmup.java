package io.herald.local.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a run's warm-up went: the events it sent, how long it took, and whether the JIT of
 * every JVM taking part had settled when it stopped. A JVM has settled when its compiler
 * threads spent at most {@code --warmup-jit} percent of one core in the last warm-up
 * round: until then the run would measure the JIT at work, not Herald (on the 2-core
 * machine the worker's compilers still took a third of a core 20 s into a run at 1,000
 * events/s, and settled after about 100,000 events; decision 0099).
 *
 * @param events warm-up events sent
 * @param seconds from the first warm-up send to the last warm-up delivery
 * @param rounds warm-up rounds of {@code --warmup} events
 * @param settled whether every JVM's JIT was at or below the threshold in the last round
 * @param lastRound percent of one core each JVM spent compiling in the last round
 * @param checkpoint how the PostgreSQL checkpoint that ended the warm-up went, or null
 * when none was asked for ({@code --checkpoint=false}, decision 0116)
 */
record Warmup(int events, double seconds, int rounds, boolean settled, Map<String, Double> lastRound,
		String checkpoint) {

	static final Warmup NONE = new Warmup(0, 0, 0, true, Map.of(), null);

	/**
	 * Percent of one core each JVM spent compiling between two readings of
	 * {@link Monitor#jitNanos()} {@code nanos} apart; JVMs that could not be read are
	 * left out.
	 */
	static Map<String, Double> jitPercent(Map<String, Long> before, Map<String, Long> after, long nanos) {
		Map<String, Double> percent = new LinkedHashMap<>();
		after.forEach((name, jit) -> {
			Long earlier = before.get(name);
			if (earlier != null && earlier >= 0 && jit >= 0 && nanos > 0) {
				percent.put(name, 100.0 * (jit - earlier) / nanos);
			}
		});
		return percent;
	}

	/** Whether no JVM compiled more than {@code thresholdPercent} of a core. */
	static boolean settled(Map<String, Double> percent, int thresholdPercent) {
		return percent.values().stream().allMatch((value) -> value <= thresholdPercent);
	}

	/** "worker-1 12 %, api 0 %, ..." */
	static String describe(Map<String, Double> percent) {
		return percent.entrySet()
			.stream()
			.map((entry) -> "%s %.0f %%".formatted(entry.getKey(), entry.getValue()))
			.collect(Collectors.joining(", "));
	}

	/** One line for the report. */
	String summary(int thresholdPercent) {
		if (this.events == 0) {
			return "no warm-up";
		}
		String jit = this.lastRound.isEmpty() ? "" : "; JIT compiling in the last round: " + describe(this.lastRound);
		return "%,d warm-up events in %.0f s (%d round%s), JIT %s%s; %s".formatted(this.events, this.seconds,
				this.rounds, (this.rounds == 1) ? "" : "s",
				(thresholdPercent == 0) ? "not watched"
						: this.settled ? "settled (at most %d %% of a core per JVM)".formatted(thresholdPercent)
								: "NOT settled within --warmup-max: the run measured the JIT too",
				jit, (this.checkpoint != null) ? "then " + this.checkpoint : "no CHECKPOINT (--checkpoint=false)");
	}

}
