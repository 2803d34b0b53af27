package io.herald.core.secret;

import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys an app may decrypt with, by id, and the one it encrypts with. Built
 * from {@code herald.crypto.key} (a single key, id {@value #SINGLE_KEY_ID}),
 * {@code herald.crypto.keys.<id>} and {@code herald.crypto.active-key}; refuses anything
 * incomplete with a {@link CryptoKeyException} that names the setting, never the key.
 */
public final class SecretKeyring {

	/** The id of the key given as {@code herald.crypto.key}. */
	public static final String SINGLE_KEY_ID = "default";

	private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

	private final Map<String, SecretKeySpec> keys;

	private final String activeKeyId;

	private SecretKeyring(Map<String, SecretKeySpec> keys, String activeKeyId) {
		this.keys = keys;
		this.activeKeyId = activeKeyId;
	}

	/**
	 * @param singleKey {@code herald.crypto.key}, may be null
	 * @param keyring {@code herald.crypto.keys}, may be null
	 * @param activeKey {@code herald.crypto.active-key}, may be null when there is one
	 * key
	 * @throws CryptoKeyException when no key is configured or a setting is unusable
	 */
	public static SecretKeyring of(String singleKey, Map<String, String> keyring, String activeKey) {
		Map<String, SecretKeySpec> keys = new TreeMap<>();
		if (singleKey != null && !singleKey.isBlank()) {
			keys.put(SINGLE_KEY_ID, aesKey("herald.crypto.key", singleKey));
		}
		if (keyring != null) {
			keyring.forEach((id, value) -> {
				if (!KEY_ID.matcher(id).matches()) {
					throw new CryptoKeyException("herald.crypto.keys." + id
							+ ": a key id is 1 to 32 lower-case letters, digits or '-', starting with a letter or digit");
				}
				if (keys.containsKey(id)) {
					throw new CryptoKeyException(
							"herald.crypto.keys." + id + " clashes with herald.crypto.key, whose id is '"
									+ SINGLE_KEY_ID + "'; give the keyring entry another id");
				}
				keys.put(id, aesKey("herald.crypto.keys." + id, value));
			});
		}
		if (keys.isEmpty()) {
			throw new CryptoKeyException("No encryption key is configured (herald.crypto.key): Herald refuses to start "
					+ "without one, because it encrypts webhook signing secrets and provider credentials with it.");
		}
		String active = (activeKey != null && !activeKey.isBlank()) ? activeKey.trim() : null;
		if (active == null) {
			if (keys.size() > 1) {
				throw new CryptoKeyException("Several encryption keys are configured (" + keys.keySet()
						+ "): set herald.crypto.active-key to the id of the one that encrypts.");
			}
			active = keys.keySet().iterator().next();
		}
		else if (!keys.containsKey(active)) {
			throw new CryptoKeyException(
					"herald.crypto.active-key is '" + active + "' but the keyring holds only " + keys.keySet() + ".");
		}
		return new SecretKeyring(Collections.unmodifiableMap(keys), active);
	}

	private static SecretKeySpec aesKey(String setting, String base64) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new CryptoKeyException(setting + " is not valid base64.");
		}
		if (bytes.length != 32) {
			throw new CryptoKeyException(
					setting + " must be base64 of 32 bytes (AES-256), got " + bytes.length + " bytes.");
		}
		return new SecretKeySpec(bytes, "AES");
	}

	public String activeKeyId() {
		return this.activeKeyId;
	}

	/** The ids of every key, sorted; never the keys. */
	public Set<String> keyIds() {
		return this.keys.keySet();
	}

	SecretKeySpec active() {
		return this.keys.get(this.activeKeyId);
	}

	SecretKeySpec key(String id) {
		return this.keys.get(id);
	}

	Iterable<SecretKeySpec> all() {
		return this.keys.values();
	}

	@Override
	public String toString() {
		return "SecretKeyring[keys=" + keyIds() + ", active=" + this.activeKeyId + "]";
	}

}
