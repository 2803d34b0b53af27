package io.herald.core.secret;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A column that holds secrets, walked in primary-key order by the rotation: the provider
 * settings of each tenant's channel, and each webhook subscription's signing secret.
 * Batches are locked ({@code FOR NO KEY UPDATE}, which does not block rows that reference
 * them) until the re-encrypting transaction ends.
 */
enum SecretStore {

	CHANNEL_SETTINGS("00000000-0000-0000-0000-000000000000/") {

		@Override
		List<StoredSecret> after(JdbcClient jdbc, String cursor, String activePattern, int limit) {
			int slash = cursor.indexOf('/');
			return jdbc.sql("""
					SELECT tenant_id, channel, settings FROM channel_settings
					WHERE (tenant_id, channel) > (:tenant, :channel) AND settings NOT LIKE :active
					ORDER BY tenant_id, channel LIMIT :limit FOR NO KEY UPDATE""")
				.param("tenant", UUID.fromString(cursor.substring(0, slash)))
				.param("channel", cursor.substring(slash + 1))
				.param("active", activePattern)
				.param("limit", limit)
				.query((rs, row) -> {
					UUID tenant = rs.getObject("tenant_id", UUID.class);
					String channel = rs.getString("channel");
					return new StoredSecret(tenant + "/" + channel, tenant,
							SecretContext.channelSettings(tenant, channel), rs.getString("settings"));
				})
				.list();
		}

		@Override
		void replace(JdbcClient jdbc, StoredSecret secret, String ciphertext) {
			int slash = secret.cursor().indexOf('/');
			jdbc.sql(
					"UPDATE channel_settings SET settings = :settings WHERE tenant_id = :tenant AND channel = :channel")
				.param("settings", ciphertext)
				.param("tenant", secret.tenantId())
				.param("channel", secret.cursor().substring(slash + 1))
				.update();
		}

	},

	SIGNING_SECRETS("00000000-0000-0000-0000-000000000000") {

		@Override
		List<StoredSecret> after(JdbcClient jdbc, String cursor, String activePattern, int limit) {
			return jdbc.sql("""
					SELECT id, tenant_id, signing_secret FROM subscription
					WHERE id > :cursor AND signing_secret IS NOT NULL AND signing_secret NOT LIKE :active
					ORDER BY id LIMIT :limit FOR NO KEY UPDATE""")
				.param("cursor", UUID.fromString(cursor))
				.param("active", activePattern)
				.param("limit", limit)
				.query((rs, row) -> {
					UUID tenant = rs.getObject("tenant_id", UUID.class);
					return new StoredSecret(rs.getObject("id", UUID.class).toString(), tenant,
							SecretContext.webhookSigningSecret(tenant), rs.getString("signing_secret"));
				})
				.list();
		}

		@Override
		void replace(JdbcClient jdbc, StoredSecret secret, String ciphertext) {
			jdbc.sql("UPDATE subscription SET signing_secret = :secret WHERE id = :id")
				.param("secret", ciphertext)
				.param("id", UUID.fromString(secret.cursor()))
				.update();
		}

	};

	/** Every secret column and which key id (or {@code v1}) each value names. */
	static final String KEY_IDS = """
			SELECT CASE WHEN secret LIKE 'v2:%' THEN split_part(secret, ':', 2) ELSE split_part(secret, ':', 1) END
			    AS key_id, count(*) AS secrets
			FROM (SELECT settings AS secret FROM channel_settings
			      UNION ALL SELECT signing_secret FROM subscription WHERE signing_secret IS NOT NULL) s
			GROUP BY 1 ORDER BY 1""";

	/** How many secrets are not under the active key yet. */
	static final String NOT_UNDER = """
			SELECT (SELECT count(*) FROM channel_settings WHERE settings NOT LIKE :active)
			     + (SELECT count(*) FROM subscription WHERE signing_secret IS NOT NULL AND signing_secret NOT LIKE :active)""";

	private final String start;

	SecretStore(String start) {
		this.start = start;
	}

	/** A cursor before every row. */
	String start() {
		return this.start;
	}

	/** The next rows after the cursor whose secret is not under the active key. */
	abstract List<StoredSecret> after(JdbcClient jdbc, String cursor, String activePattern, int limit);

	abstract void replace(JdbcClient jdbc, StoredSecret secret, String ciphertext);

	/**
	 * @param cursor this row's position (also how the log names it: a tenant and channel,
	 * or a subscription id; never the secret)
	 */
	record StoredSecret(String cursor, UUID tenantId, SecretContext context, String ciphertext) {

		@Override
		public String toString() {
			return "StoredSecret[" + this.cursor + "]";
		}

	}

}
