package io.herald.core.config;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings every Herald app shares ({@code herald.crypto.*}, {@code herald.api-keys.*},
 * {@code herald.topics.*}, {@code herald.operator.*}, {@code herald.lookup-cache.*}),
 * bound once here so that the API, the worker and the console cannot disagree.
 *
 * @param crypto encryption of secrets at rest
 * @param apiKeys hashing of API keys
 * @param topics the Kafka topics of the event log
 * @param operator the platform operator's login (API {@code /api/v1/ops/**} and console)
 * @param lookupCache how long shared lookups (event types) are reused
 */
@Validated
@ConfigurationProperties("herald")
public record HeraldCoreProperties(@Valid @DefaultValue Crypto crypto, @Valid @DefaultValue ApiKeys apiKeys,
		@Valid @DefaultValue Topics topics, @Valid @DefaultValue Operator operator,
		@Valid @DefaultValue LookupCache lookupCache) {

	/**
	 * The development key earlier versions had built in: it is public, so a warning is
	 * logged when it is configured. There is no built-in key any more.
	 */
	public static final String PUBLISHED_DEVELOPMENT_KEY = "aGVyYWxkLWxvY2FsLWRldmVsb3BtZW50LWtleS0zMmI=";

	/** The defaults, as bound when nothing is configured (for tests and tools). */
	public static HeraldCoreProperties defaults() {
		return new HeraldCoreProperties(new Crypto(null, Map.of(), null), new ApiKeys(DEVELOPMENT_PEPPER),
				new Topics("herald.events", "herald.events.dlq"), new Operator("operator", null),
				new LookupCache(Duration.ofSeconds(5), 10_000));
	}

	/**
	 * Encryption of secrets at rest. There is no default: every app refuses to start
	 * without a key (local mode generates one). See docs/security.md, "Secrets and key
	 * rotation".
	 *
	 * @param key base64 of 32 random bytes (AES-256) that encrypts webhook signing
	 * secrets and provider credentials, id {@code default} in the keyring; generate one
	 * with {@code openssl rand -base64 32}
	 * @param keys more keys by id ({@code herald.crypto.keys.<id>}), for rotation
	 * @param activeKey the id of the key that encrypts; required when there are several
	 */
	public record Crypto(String key, Map<String, String> keys, String activeKey) {

		public Crypto {
			keys = (keys != null) ? Map.copyOf(keys) : Map.of();
		}

		@Override
		public String toString() {
			return "Crypto[key=" + ((this.key != null) ? "(set)" : "(unset)") + ", keys=" + this.keys.keySet()
					+ ", activeKey=" + this.activeKey + "]";
		}

	}

	/**
	 * @param events the topic events are published to and consumed from
	 * @param deadLetter the topic the worker writes events it cannot process to
	 */
	public record Topics(@NotBlank @DefaultValue("herald.events") String events,
			@NotBlank @DefaultValue("herald.events.dlq") String deadLetter) {
	}

	/**
	 * @param username operator login
	 * @param password operator password; when unset the operator cannot log in anywhere
	 * and a warning is logged
	 */
	public record Operator(@NotBlank @DefaultValue("operator") String username, String password) {

		public boolean enabled() {
			return this.password != null && !this.password.isBlank();
		}

		@Override
		public String toString() {
			return "Operator[username=" + this.username + ", password=" + (enabled() ? "(set)" : "(unset)") + "]";
		}

	}

	/**
	 * @param ttl how long a found event type is reused by event acceptance (an unknown
	 * one is looked up every time); a schema change applies within this time; {@code 0s}
	 * disables the cache
	 * @param maxEntries how many entries each lookup cache keeps at most
	 */
	public record LookupCache(@NotNull @DefaultValue("5s") Duration ttl,
			@Min(1) @Max(1_000_000) @DefaultValue("10000") int maxEntries) {
	}

	/** Built in for local mode and tests only; a warning is logged when it is in use. */
	public static final String DEVELOPMENT_PEPPER = "aGVyYWxkLWxvY2FsLWRldmVsb3BtZW50LXBlcHBlci0zMmJ5dGVz";

	/**
	 * @param pepper base64 of at least 32 random bytes: the HMAC-SHA256 key under which
	 * API key secrets are hashed. Every app of one installation needs the same value;
	 * changing it invalidates every key. Generate one with
	 * {@code openssl rand -base64 32}
	 */
	public record ApiKeys(@NotBlank @DefaultValue(DEVELOPMENT_PEPPER) String pepper) {
	}

}
