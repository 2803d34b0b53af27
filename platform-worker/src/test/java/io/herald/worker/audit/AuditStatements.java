package io.herald.worker.audit;

/** The worker's audit insert as {@link AuditRows} builds it, for plan tests. */
public final class AuditStatements {

	private AuditStatements() {
	}

	/** The insert of audit entries (one text array per column). */
	public static String insert() {
		return AuditRows.INSERT;
	}

}
