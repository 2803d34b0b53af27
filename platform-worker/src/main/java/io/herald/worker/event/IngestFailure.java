package io.herald.worker.event;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.hibernate.TransactionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * What kind of failure stopped a record, which decides between the dead-letter topic and
 * a retry (issue 6, C10): infrastructure that is away for a while must never empty the
 * backlog into the dead-letter topic.
 */
public enum IngestFailure {

	/**
	 * The record itself is bad (not a CloudEvent, unknown tenant or type, schema
	 * violation, data the database refuses): dead-lettered at once, no retry can fix it.
	 */
	POISON,

	/**
	 * The infrastructure failed (connection refused or lost, timeouts, serialization
	 * failures and deadlocks, a database shutting down, Redis): retried without limit.
	 */
	TRANSIENT,

	/** Anything else (a bug): retried a few times, then dead-lettered with the cause. */
	UNKNOWN;

	/**
	 * SQLSTATE classes of passing trouble: connection exceptions, transaction rollbacks
	 * (serialization failure, deadlock), insufficient resources, operator intervention
	 * (shutdown, cannot connect now), system errors.
	 */
	private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");

	/**
	 * Lock not available, and a foreign key violation: a subscription or template deleted
	 * while its event fanned out matches no more once the cache is refreshed.
	 */
	private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "23503");

	/**
	 * Whether the failure is passing infrastructure trouble (the database or Redis away
	 * for a while) that the same work will get past once it is back.
	 */
	public static boolean isPassing(Throwable failure) {
		return of(failure) == TRANSIENT;
	}

	static IngestFailure of(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DeadLetterException) {
				return POISON;
			}
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5) {
				return bySqlState(sql.getSQLState());
			}
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (isTransient(cause)) {
				return TRANSIENT;
			}
		}
		return UNKNOWN;
	}

	/**
	 * Data exceptions (22) and integrity violations (23): the record's data is refused.
	 */
	static boolean isDataError(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5) {
				return bySqlState(sql.getSQLState()) == POISON;
			}
		}
		return false;
	}

	private static IngestFailure bySqlState(String state) {
		if (TRANSIENT_STATES.contains(state) || TRANSIENT_CLASSES.contains(state.substring(0, 2))) {
			return TRANSIENT;
		}
		if (state.startsWith("22") || state.startsWith("23")) {
			return POISON;
		}
		return UNKNOWN;
	}

	// A commit or rollback that fails (the connection died under the transaction) is
	// infrastructure by definition; a failed rollback also hides the original cause.
	private static boolean isTransient(Throwable cause) {
		return cause instanceof TransactionSystemException || cause instanceof TransactionException
				|| cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
				|| cause instanceof DataAccessResourceFailureException || cause instanceof QueryTimeoutException
				|| cause instanceof CannotCreateTransactionException || cause instanceof TransactionTimedOutException
				|| cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
				|| cause instanceof IOException || cause instanceof org.redisson.client.RedisException;
	}

}
