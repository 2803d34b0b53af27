package io.herald.local.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a run publishes: how many tenants, how many webhook subscriptions each, and how
 * events are spread over the tenants.
 */
enum Scenario {

	/** One tenant, one subscription: one notification per event. */
	FANOUT_1("fanout-1", 1, 1, 1),

	/**
	 * One tenant, ten subscriptions to the same event type: ten notifications per event.
	 */
	FANOUT_10("fanout-10", 1, 10, 1),

	/**
	 * Ten tenants, one subscription each; tenant 0 publishes ten times as much as each of
	 * the nine others. The quiet tenants' latency is reported apart.
	 */
	NOISY_TENANT("noisy-tenant", 10, 1, 10),

	/**
	 * One tenant, one subscription, plus {@code --replay-rows} DEAD notifications of that
	 * tenant replayed at {@code --replay-rate} by an operator's job started with the live
	 * events ({@link ReplayLoad}).
	 */
	REPLAY("replay", 1, 1, 1);

	private final String label;

	private final int tenants;

	private final int fanout;

	private final int noisyWeight;

	Scenario(String label, int tenants, int fanout, int noisyWeight) {
		this.label = label;
		this.tenants = tenants;
		this.fanout = fanout;
		this.noisyWeight = noisyWeight;
	}

	static Scenario named(String label) {
		return Arrays.stream(values())
			.filter((scenario) -> scenario.label.equals(label))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown scenario " + label + "; known: "
					+ Arrays.stream(values()).map(Scenario::label).collect(Collectors.joining(", "))));
	}

	String label() {
		return this.label;
	}

	int tenants() {
		return this.tenants;
	}

	int fanout() {
		return this.fanout;
	}

	/** Why the scenario cannot run on this build, or null when it can. */
	String unavailableReason() {
		return null;
	}

	/**
	 * The tenant of event {@code index}: in every cycle of {@code noisyWeight + tenants -
	 * 1} events, the first {@code noisyWeight} go to tenant 0 and one to each other.
	 */
	int tenantOf(int index) {
		if (this.tenants == 1) {
			return 0;
		}
		int cycle = this.noisyWeight + this.tenants - 1;
		int position = index % cycle;
		return (position < this.noisyWeight) ? 0 : position - this.noisyWeight + 1;
	}

	boolean hasNoisyTenant() {
		return this.tenants > 1 && this.noisyWeight > 1;
	}

}
