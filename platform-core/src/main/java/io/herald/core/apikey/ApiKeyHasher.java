package io.herald.core.apikey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes API key secrets with HMAC-SHA256 under a server-side pepper, so that a copy of
 * the database alone does not let anyone check a guessed key. Hashes of the scheme before
 * (a bare SHA-256) are still recognised; they are replaced on the key's next use.
 * Comparison is in constant time.
 */
class ApiKeyHasher {

	static final String HMAC_SHA256 = "hmac-sha256";

	static final String LEGACY_SHA256 = "sha256";

	private final SecretKeySpec pepper;

	ApiKeyHasher(byte[] pepper) {
		if (pepper.length < 32) {
			throw new IllegalArgumentException("herald.api-keys.pepper must be at least 32 bytes (base64)");
		}
		this.pepper = new SecretKeySpec(pepper, "HmacSHA256");
	}

	/** The hash of the current scheme ({@value #HMAC_SHA256}). */
	String hash(String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.pepper);
			return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	boolean matches(String scheme, String storedHash, String secret) {
		String presented = switch (scheme) {
			case HMAC_SHA256 -> hash(secret);
			case LEGACY_SHA256 -> sha256(secret);
			default -> null;
		};
		return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII),
				storedHash.getBytes(StandardCharsets.US_ASCII));
	}

	static String sha256(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
