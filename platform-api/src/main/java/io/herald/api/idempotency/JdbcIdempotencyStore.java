package io.herald.api.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Idempotency records in PostgreSQL ({@code idempotency_record}), used while Redis is
 * unavailable. A claim inserts the row, or takes over one whose time ran out, in one
 * statement; expired rows are also deleted in bounded batches by {@link #deleteExpired}.
 */
class JdbcIdempotencyStore implements IdempotencyStore {

	private final JdbcClient jdbc;

	private final IdempotencyProperties properties;

	private final Clock clock;

	JdbcIdempotencyStore(JdbcClient jdbc, IdempotencyProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public Optional<IdempotencyRecord> claim(String principal, String key, String fingerprint, UUID token) {
		Instant now = this.clock.instant();
		int taken = this.jdbc.sql("""
				insert into idempotency_record
				    (principal, key_hash, fingerprint, token, state, response, created_at, expires_at)
				values (:principal, :key, :fingerprint, :token, 'IN_PROGRESS', null, :now, :until)
				on conflict (principal, key_hash) do update
				   set fingerprint = excluded.fingerprint, token = excluded.token, state = 'IN_PROGRESS',
				       response = null, created_at = excluded.created_at, expires_at = excluded.expires_at
				 where idempotency_record.expires_at <= :now""")
			.param("principal", principal)
			.param("key", key)
			.param("fingerprint", fingerprint)
			.param("token", token)
			.param("now", Timestamp.from(now))
			.param("until", Timestamp.from(now.plus(this.properties.inProgressTtl())))
			.update();
		if (taken == 1) {
			return Optional.empty();
		}
		return find(principal, key);
	}

	@Override
	public Optional<IdempotencyRecord> find(String principal, String key) {
		return this.jdbc.sql("""
				select state, fingerprint, response from idempotency_record
				 where principal = ? and key_hash = ? and expires_at > ?""")
			.params(principal, key, Timestamp.from(this.clock.instant()))
			.query((row, number) -> "DONE".equals(row.getString("state"))
					? new IdempotencyRecord.Completed(row.getString("fingerprint"), row.getString("response"))
					: (IdempotencyRecord) new IdempotencyRecord.InProgress(row.getString("fingerprint")))
			.optional();
	}

	@Override
	public void complete(String principal, String key, String fingerprint, UUID token, String response) {
		this.jdbc.sql("""
				update idempotency_record set state = 'DONE', response = ?, expires_at = ?
				 where principal = ? and key_hash = ? and token = ? and state = 'IN_PROGRESS'""")
			.params(response, Timestamp.from(this.clock.instant().plus(this.properties.ttl())), principal, key, token)
			.update();
	}

	@Override
	public void release(String principal, String key, UUID token) {
		this.jdbc.sql("""
				delete from idempotency_record
				 where principal = ? and key_hash = ? and token = ? and state = 'IN_PROGRESS'""")
			.params(principal, key, token)
			.update();
	}

	/** Whether any record is still live: then new keys are looked up here too. */
	boolean holdsLiveRecords() {
		return this.jdbc.sql("select exists(select 1 from idempotency_record where expires_at > ?)")
			.param(Timestamp.from(this.clock.instant()))
			.query(Boolean.class)
			.single();
	}

	/** Deletes up to {@code limit} expired records; returns how many. */
	int deleteExpired(int limit) {
		return this.jdbc.sql("""
				delete from idempotency_record where ctid in
				  (select ctid from idempotency_record where expires_at <= ? limit ?)""")
			.params(Timestamp.from(this.clock.instant()), limit)
			.update();
	}

}
