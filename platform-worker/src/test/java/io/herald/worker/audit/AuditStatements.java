package io.herald.worker.audit;

import java.util.Collections;

/** The worker's audit insert as {@link AuditRows} builds it, for plan tests. */
public final class AuditStatements {

	private AuditStatements() {
	}

	/** The insert of {@code rows} audit entries (8 parameters each). */
	public static String insert(int rows) {
		return AuditRows.INSERT + String.join(", ", Collections.nCopies(rows, AuditRows.VALUES));
	}

}
