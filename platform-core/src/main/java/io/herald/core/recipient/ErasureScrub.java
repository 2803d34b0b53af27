package io.herald.core.recipient;

import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The part of an erasure that reaches beyond the recipient's own rows: each of its
 * addresses, push tokens and phone numbers is replaced by {@code [erased]} (ignoring
 * case) wherever the tenant's history quotes it as text — attempt errors, notification
 * status reasons and audit details (decision 0062). A receiver or provider that echoed
 * the address in an error put it there. Audit details change only through
 * {@code audit_log_erase()}, the one update the append-only trigger lets through.
 */
@Component
class ErasureScrub {

	// '***=' makes the rest of the pattern a literal: no regular expression from input
	private static final String ATTEMPTS = """
			update delivery_attempt set error = regexp_replace(error, '***=' || :value, '[erased]', 'gi')
			where tenant_id = :tenant and error is not null and strpos(lower(error), lower(:value)) > 0
			""";

	private static final String REASONS = """
			update notification set status_reason = regexp_replace(status_reason, '***=' || :value, '[erased]', 'gi')
			where tenant_id = :tenant and status_reason is not null and strpos(lower(status_reason), lower(:value)) > 0
			""";

	/**
	 * Shorter values would cut through unrelated words; addresses and tokens are longer.
	 */
	static final int MIN_LENGTH = 4;

	private final JdbcClient jdbc;

	ErasureScrub(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	Scrubbed scrub(UUID tenantId, Collection<String> values) {
		int attempts = 0;
		int reasons = 0;
		int audit = 0;
		for (String value : values) {
			if (value == null || value.length() < MIN_LENGTH) {
				continue;
			}
			attempts += this.jdbc.sql(ATTEMPTS).param("tenant", tenantId).param("value", value).update();
			reasons += this.jdbc.sql(REASONS).param("tenant", tenantId).param("value", value).update();
			audit += this.jdbc.sql("select audit_log_erase(:tenant, :value)")
				.param("tenant", tenantId)
				.param("value", value)
				.query(Integer.class)
				.single();
		}
		return new Scrubbed(attempts, reasons, audit);
	}

	/** Rows changed per kind (a row changed for two values counts twice). */
	record Scrubbed(int attempts, int statusReasons, int auditEntries) {
	}

}
