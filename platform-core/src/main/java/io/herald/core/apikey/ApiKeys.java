package io.herald.core.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and verifies API keys of the form {@code hrld_<prefix>_<secret>}. The secret has
 * 256 bits of entropy, so a plain SHA-256 is the right hash (as GitHub and Stripe do): a
 * slow password hash would only make every API call slower.
 */
@Service
public class ApiKeys {

	static final String SCHEME = "hrld_";

	private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
		.toCharArray();

	/**
	 * last-used time is written at most this often per key, to keep writes off the hot
	 * path
	 */
	private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

	private final SecureRandom random = new SecureRandom();

	private final ApiKeyRepository keys;

	private final AuditLog audit;

	private final Clock clock;

	ApiKeys(ApiKeyRepository keys, AuditLog audit, Clock clock) {
		this.keys = keys;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Creates a key and returns its full text, which is never stored nor shown again.
	 */
	@Transactional
	public String issue(UUID tenantId, String name, Actor actor) {
		String prefix = randomString(12);
		String secret = randomString(43);
		ApiKey key = this.keys.save(new ApiKey(tenantId, name, prefix, hash(secret), this.clock.instant()));
		this.audit.append(actor, tenantId, "api-key.issued", "api_key", key.getId().toString(),
				java.util.Map.of("prefix", prefix, "name", name));
		return SCHEME + prefix + "_" + secret;
	}

	@Transactional
	public Optional<ApiKey> verify(String presented) {
		if (presented == null || !presented.startsWith(SCHEME)) {
			return Optional.empty();
		}
		String rest = presented.substring(SCHEME.length());
		int separator = rest.indexOf('_');
		if (separator <= 0) {
			return Optional.empty();
		}
		String prefix = rest.substring(0, separator);
		byte[] presentedHash = hash(rest.substring(separator + 1)).getBytes(StandardCharsets.US_ASCII);
		return this.keys.findByPrefix(prefix)
			.filter((key) -> !key.isRevoked())
			.filter((key) -> MessageDigest.isEqual(presentedHash,
					key.getSecretHash().getBytes(StandardCharsets.US_ASCII)))
			.map(this::touch);
	}

	@Transactional
	public boolean revoke(UUID tenantId, UUID keyId, Actor actor) {
		return this.keys.findByIdAndTenantId(keyId, tenantId).filter((key) -> !key.isRevoked()).map((key) -> {
			key.revoke(this.clock.instant());
			this.audit.append(actor, tenantId, "api-key.revoked", "api_key", keyId.toString(),
					java.util.Map.of("prefix", key.getPrefix()));
			return true;
		}).orElse(false);
	}

	private ApiKey touch(ApiKey key) {
		Instant now = this.clock.instant();
		if (key.getLastUsedAt() == null || key.getLastUsedAt().isBefore(now.minus(TOUCH_INTERVAL))) {
			this.keys.touch(key.getId(), now);
		}
		return key;
	}

	private String randomString(int length) {
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			chars[i] = ALPHABET[this.random.nextInt(ALPHABET.length)];
		}
		return new String(chars);
	}

	static String hash(String secret) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
