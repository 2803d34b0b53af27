package io.herald.worker.event;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.hibernate.TransactionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures dead-letter a record and which pause ingestion (issue 6, C10).
 */
class IngestFailureTests {

	@Test
	void badRecordsArePoison() {
		assertThat(IngestFailure.of(new RuntimeException(new DeadLetterException("unknown tenant", null, "e"))))
			.isEqualTo(IngestFailure.POISON);
		assertThat(IngestFailure.of(sql("value too long for type character varying(500)", "22001")))
			.isEqualTo(IngestFailure.POISON);
		assertThat(IngestFailure.of(new DataIntegrityViolationException("check", new SQLException("ck", "23514"))))
			.isEqualTo(IngestFailure.POISON);
	}

	@Test
	void infrastructureThatIsAwayForAWhileIsTransient() {
		assertThat(IngestFailure.of(sql("connection refused", "08001"))).isEqualTo(IngestFailure.TRANSIENT);
		assertThat(IngestFailure.of(sql("could not serialize access", "40001"))).isEqualTo(IngestFailure.TRANSIENT);
		assertThat(IngestFailure.of(sql("terminating connection due to administrator command", "57P01")))
			.isEqualTo(IngestFailure.TRANSIENT);
		assertThat(IngestFailure.of(new CannotCreateTransactionException("no connection",
				new SQLTransientConnectionException("Connection is not available, request timed out"))))
			.isEqualTo(IngestFailure.TRANSIENT);
		assertThat(IngestFailure.of(new RuntimeException(new ConnectException("Connection refused"))))
			.isEqualTo(IngestFailure.TRANSIENT);
		assertThat(IngestFailure.of(new org.redisson.client.RedisConnectionException("down")))
			.isEqualTo(IngestFailure.TRANSIENT);
	}

	@Test
	void aRollbackThatFailsBecauseTheConnectionDiedIsTransient() {
		assertThat(IngestFailure
			.of(new JpaSystemException(new TransactionException("Unable to rollback against JDBC Connection",
					new SQLException("Connection is closed")))))
			.isEqualTo(IngestFailure.TRANSIENT);
	}

	@Test
	void anythingElseIsUnknownAndDataErrorsAreTold() {
		assertThat(IngestFailure.of(new IllegalStateException("a bug"))).isEqualTo(IngestFailure.UNKNOWN);
		assertThat(IngestFailure.of(sql("simulated storage failure", "P0001"))).isEqualTo(IngestFailure.UNKNOWN);
		assertThat(IngestFailure.isDataError(sql("bad value", "22023"))).isTrue();
		assertThat(IngestFailure.isDataError(sql("connection refused", "08001"))).isFalse();
	}

	private static RuntimeException sql(String message, String state) {
		return new UncategorizedSQLException("insert", "insert into event", new SQLException(message, state));
	}

}
