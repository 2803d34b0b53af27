package io.herald.core.fanout;

/** The fan-out decision insert as {@link FanOutDecisionLog} builds it, for plan tests. */
public final class DecisionStatements {

	private DecisionStatements() {
	}

	/** The insert of decisions (one text array per column) that keeps earlier ones. */
	public static String insert() {
		return FanOutDecisionLog.INSERT + FanOutDecisionLog.KEEP;
	}

}
