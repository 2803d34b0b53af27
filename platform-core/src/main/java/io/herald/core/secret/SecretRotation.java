package io.herald.core.secret;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.herald.core.secret.SecretStore.StoredSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-encrypts every stored secret under the active key, the use case behind the worker's
 * rotation runner and the operator's status endpoint. When a key becomes active a
 * {@code secret_rotation} row is made for it; one worker at a time holds its lease and
 * walks the secret tables in batches, each batch one transaction that re-encrypts its
 * rows and moves the cursor, so a crash repeats nothing and loses nothing. A pass that
 * ends while secrets under other keys remain (an instance still writing with the previous
 * key during a rolling change) is followed by another.
 * <p>
 * Only the most recently activated key rotates: a worker whose configuration still names
 * an earlier key leaves the secrets alone instead of undoing the rotation.
 */
@Service
public class SecretRotation {

	private static final Logger log = LoggerFactory.getLogger(SecretRotation.class);

	private static final String FENCE = " WHERE key_id = :key AND status = 'RUNNING' AND lease_token = :token";

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	SecretRotation(JdbcClient jdbc, SecretCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	/**
	 * Starts the active key's rotation if needed and leases it to the caller.
	 */
	@Transactional
	public Claim claim(Duration lease) {
		String active = this.cipher.activeKeyId();
		this.jdbc.sql("""
				INSERT INTO secret_rotation (key_id, status, activated_at, started_at)
				VALUES (:key, 'RUNNING', clock_timestamp(), clock_timestamp()) ON CONFLICT (key_id) DO NOTHING""")
			.param("key", active)
			.update();
		String latest = this.jdbc.sql("SELECT key_id FROM secret_rotation ORDER BY activated_at DESC, key_id LIMIT 1")
			.query(String.class)
			.single();
		if (!latest.equals(active)) {
			return new Claim.Superseded(active, latest);
		}
		Row row = this.jdbc
			.sql("SELECT status, failed, (claimed_until > clock_timestamp()) AS held "
					+ "FROM secret_rotation WHERE key_id = :key FOR UPDATE")
			.param("key", active)
			.query((rs, n) -> new Row(rs.getString("status"), rs.getLong("failed"), rs.getBoolean("held")))
			.single();
		long remaining = remaining();
		if ("DONE".equals(row.status())) {
			if (remaining <= row.failed()) {
				return new Claim.Idle(active);
			}
			this.jdbc.sql("""
					UPDATE secret_rotation SET status = 'RUNNING', store = NULL, cursor = NULL, failed = 0,
					    passes = passes + 1, started_at = clock_timestamp(), finished_at = NULL, lease_token = NULL,
					    claimed_until = NULL WHERE key_id = :key""").param("key", active).update();
		}
		else if (row.held()) {
			return new Claim.Busy(active);
		}
		UUID token = UUID.randomUUID();
		this.jdbc
			.sql("UPDATE secret_rotation SET lease_token = :token, "
					+ "claimed_until = clock_timestamp() + :leaseMs * interval '1 millisecond' WHERE key_id = :key")
			.param("token", token)
			.param("leaseMs", lease.toMillis())
			.param("key", active)
			.update();
		return new Claim.Leased(new Lease(active, token), remaining);
	}

	/**
	 * Re-encrypts the next batch of the leased pass, renewing the lease.
	 */
	@Transactional
	public Batch next(Lease lease, int batchSize, Duration leaseTime) {
		List<Position> held = this.jdbc
			.sql("UPDATE secret_rotation SET claimed_until = clock_timestamp() + :leaseMs * interval '1 millisecond'"
					+ FENCE + " RETURNING store, cursor")
			.param("leaseMs", leaseTime.toMillis())
			.param("key", lease.keyId())
			.param("token", lease.token())
			.query((rs, n) -> new Position(rs.getString("store"), rs.getString("cursor")))
			.list();
		if (held.isEmpty()) {
			return new Batch(0, 0, false, true);
		}
		SecretStore store = (held.get(0).store() != null) ? SecretStore.valueOf(held.get(0).store())
				: SecretStore.values()[0];
		String cursor = (held.get(0).cursor() != null) ? held.get(0).cursor() : store.start();
		List<StoredSecret> rows = store.after(this.jdbc, cursor, this.cipher.activePrefix() + "%", batchSize);
		int reencrypted = 0;
		int failed = 0;
		for (StoredSecret row : rows) {
			try {
				store.replace(this.jdbc, row, this.cipher.reencrypt(row.ciphertext(), row.context()));
				reencrypted++;
			}
			catch (SecretDecryptionException ex) {
				failed++;
				log.atWarn()
					.addKeyValue("store", store)
					.addKeyValue("row", row.cursor())
					.addKeyValue("reason", ex.getMessage())
					.log("A stored secret cannot be decrypted ({} {}: {}); the rotation leaves it as it is", store,
							row.cursor(), ex.getMessage());
			}
		}
		String nextStore = store.name();
		String nextCursor = rows.isEmpty() ? cursor : rows.get(rows.size() - 1).cursor();
		boolean done = false;
		if (rows.size() < batchSize) {
			if (store.ordinal() + 1 < SecretStore.values().length) {
				nextStore = SecretStore.values()[store.ordinal() + 1].name();
				nextCursor = null;
			}
			else {
				done = true;
			}
		}
		this.jdbc.sql("UPDATE secret_rotation SET store = :store, cursor = :cursor, "
				+ "reencrypted = reencrypted + :reencrypted, failed = failed + :failed"
				+ (done ? ", status = 'DONE', finished_at = clock_timestamp(), lease_token = NULL, claimed_until = NULL"
						: "")
				+ " WHERE key_id = :key AND lease_token = :token")
			.param("store", nextStore)
			.param("cursor", nextCursor)
			.param("reencrypted", reencrypted)
			.param("failed", failed)
			.param("key", lease.keyId())
			.param("token", lease.token())
			.update();
		return new Batch(reencrypted, failed, done, false);
	}

	/**
	 * Gives the lease back (the runner stops), so that another worker may go on at once.
	 */
	@Transactional
	public void release(Lease lease) {
		this.jdbc.sql("UPDATE secret_rotation SET lease_token = NULL, claimed_until = NULL" + FENCE)
			.param("key", lease.keyId())
			.param("token", lease.token())
			.update();
	}

	/** How many stored secrets are not under the active key yet. */
	@Transactional(readOnly = true)
	public long remaining() {
		return this.jdbc.sql(SecretStore.NOT_UNDER)
			.param("active", this.cipher.activePrefix() + "%")
			.query(Long.class)
			.single();
	}

	/** What an operator sees: keys by id (never the keys), rotations, secrets per key. */
	@Transactional(readOnly = true)
	public RotationStatus status() {
		Map<String, Long> byKey = new LinkedHashMap<>();
		this.jdbc.sql(SecretStore.KEY_IDS).query((rs) -> {
			byKey.put(rs.getString("key_id"), rs.getLong("secrets"));
		});
		List<RotationView> rotations = this.jdbc.sql("""
				SELECT key_id, status, passes, reencrypted, failed, activated_at, started_at, finished_at
				FROM secret_rotation ORDER BY activated_at DESC, key_id""")
			.query((rs, n) -> new RotationView(rs.getString("key_id"), rs.getString("status"), rs.getInt("passes"),
					rs.getLong("reencrypted"), rs.getLong("failed"), rs.getTimestamp("activated_at").toInstant(),
					rs.getTimestamp("started_at").toInstant(),
					Optional.ofNullable(rs.getTimestamp("finished_at"))
						.map(java.sql.Timestamp::toInstant)
						.orElse(null)))
			.list();
		String active = this.cipher.activeKeyId();
		long remaining = byKey.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().equals(active))
			.mapToLong(Map.Entry::getValue)
			.sum();
		return new RotationStatus(active, List.copyOf(this.cipher.keyring().keyIds()), byKey, remaining, rotations);
	}

	/** A lease on the active key's rotation. */
	public record Lease(String keyId, UUID token) {
	}

	/**
	 * @param reencrypted secrets rewritten under the active key in this batch
	 * @param failed secrets that could not be decrypted (logged, left alone)
	 * @param done whether the pass ended with this batch
	 * @param lost whether the lease was gone (another worker goes on)
	 */
	public record Batch(int reencrypted, int failed, boolean done, boolean lost) {
	}

	/** What {@link #claim} found. */
	public sealed interface Claim {

		String keyId();

		/**
		 * A pass to run; {@code remaining} secrets were not under the key when it was
		 * leased.
		 */
		record Leased(Lease lease, long remaining) implements Claim {

			@Override
			public String keyId() {
				return this.lease.keyId();
			}

		}

		/** Another worker holds the lease. */
		record Busy(String keyId) implements Claim {
		}

		/** Every secret is under the key (or cannot be decrypted and was counted). */
		record Idle(String keyId) implements Claim {
		}

		/**
		 * A later key became active elsewhere: this instance's configuration is behind.
		 */
		record Superseded(String keyId, String latest) implements Claim {
		}

	}

	/**
	 * @param activeKeyId the key this instance encrypts with
	 * @param keyIds the keys of this instance's ring
	 * @param secretsByKey stored secrets per key id ({@code v1}: the first format, no id)
	 * @param remaining secrets not under the active key
	 * @param rotations every key that became active, latest first
	 */
	public record RotationStatus(String activeKeyId, List<String> keyIds, Map<String, Long> secretsByKey,
			long remaining, List<RotationView> rotations) {
	}

	/**
	 * @param status {@code RUNNING} or {@code DONE}
	 * @param passes how many passes ran (another follows when a pass ends with secrets
	 * written under an older key meanwhile)
	 * @param reencrypted secrets rewritten under this key, over all passes
	 * @param failed secrets the last pass could not decrypt
	 */
	public record RotationView(String keyId, String status, int passes, long reencrypted, long failed,
			Instant activatedAt, Instant startedAt, Instant finishedAt) {
	}

	private record Row(String status, long failed, boolean held) {
	}

	private record Position(String store, String cursor) {
	}

}
