package io.herald.local.invariants;

import java.util.List;

/**
 * Which event goes where: {@code events} spread over the faults in order (the last one
 * takes the remainder), every {@code doomedEvery}-th to the doomed tenant. Event and
 * poison ids carry the run tag and the fault's position, so that any row, webhook or dead
 * letter can be traced to the fault it was published under.
 */
record SuitePlan(String runTag, List<Fault> faults, int events, int doomedEvery, int poisonPerFault) {

	int firstEvent(int faultIndex) {
		return faultIndex * (this.events / this.faults.size());
	}

	int endEvent(int faultIndex) {
		return (faultIndex == this.faults.size() - 1) ? this.events : firstEvent(faultIndex + 1);
	}

	int faultOf(int event) {
		return Math.min(event / Math.max(1, this.events / this.faults.size()), this.faults.size() - 1);
	}

	boolean doomed(int event) {
		return event % this.doomedEvery == this.doomedEvery - 1;
	}

	String eventId(int event) {
		return "inv-" + this.runTag + "-" + faultOf(event) + "-" + event;
	}

	String poisonId(int faultIndex, int n) {
		return "poison-" + this.runTag + "-" + faultIndex + "-" + n;
	}

	/**
	 * The fault position an event or poison id was published under, or -1 when the id is
	 * not this run's.
	 */
	int faultOfId(String id) {
		if (id == null) {
			return -1;
		}
		String prefix = (id.startsWith("inv-")) ? "inv-" : "poison-";
		if (!id.startsWith(prefix + this.runTag + "-")) {
			return -1;
		}
		String rest = id.substring((prefix + this.runTag + "-").length());
		int dash = rest.indexOf('-');
		try {
			return Integer.parseInt((dash < 0) ? rest : rest.substring(0, dash));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** The event's index from its id, or -1. */
	int eventOfId(String id) {
		if (faultOfId(id) < 0 || !id.startsWith("inv-")) {
			return -1;
		}
		try {
			return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
