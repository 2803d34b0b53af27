package io.herald.core.fanout;

import java.util.Collections;

/** The fan-out decision insert as {@link FanOutDecisionLog} builds it, for plan tests. */
public final class DecisionStatements {

	private DecisionStatements() {
	}

	/**
	 * The insert of {@code rows} decisions (8 parameters each) that keeps earlier ones.
	 */
	public static String insert(int rows) {
		return FanOutDecisionLog.COLUMNS + String.join(", ", Collections.nCopies(rows, FanOutDecisionLog.VALUES))
				+ FanOutDecisionLog.KEEP;
	}

}
