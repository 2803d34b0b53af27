package io.herald.core.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (webhook signing secrets, provider credentials) with
 * AES-256-GCM under the keyring's active key. The stored form is
 * {@code v2:<keyId>:<base64(iv || ciphertext || tag)>}; the associated data binds it to
 * the key id, its tenant and its purpose ({@link SecretContext}), so it decrypts only in
 * the row it was written for.
 * <p>
 * The first format, {@code v1:<base64(iv || ciphertext || tag)>}, named no key and had no
 * associated data: it is still read (with any key of the ring) until the rotation job
 * rewrites it as {@code v2}.
 */
public class SecretCipher {

	static final String V1 = "v1:";

	static final String V2 = "v2:";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKeyring keyring;

	private final SecureRandom random = new SecureRandom();

	public SecretCipher(SecretKeyring keyring) {
		this.keyring = keyring;
	}

	public String activeKeyId() {
		return this.keyring.activeKeyId();
	}

	public SecretKeyring keyring() {
		return this.keyring;
	}

	/** The {@code LIKE} pattern of a ciphertext under the active key. */
	public String activePrefix() {
		return V2 + this.keyring.activeKeyId() + ":";
	}

	/**
	 * Whether the stored secret is already in the current format under the active key.
	 */
	public boolean isUnderActiveKey(String stored) {
		return stored != null && stored.startsWith(activePrefix());
	}

	public String encrypt(String plaintext, SecretContext context) {
		String keyId = this.keyring.activeKeyId();
		try {
			byte[] iv = new byte[IV_BYTES];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.keyring.active(), new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(context.associatedData(keyId));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return V2 + keyId + ":" + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Encryption failed", ex);
		}
	}

	/**
	 * @throws SecretDecryptionException when the key is not in the ring, or the
	 * ciphertext was altered or written for another tenant or purpose
	 */
	public String decrypt(String stored, SecretContext context) {
		if (stored != null && stored.startsWith(V2)) {
			int end = stored.indexOf(':', V2.length());
			if (end < 0) {
				throw new SecretDecryptionException("Not an encrypted secret", false, null);
			}
			String keyId = stored.substring(V2.length(), end);
			SecretKeySpec key = this.keyring.key(keyId);
			if (key == null) {
				throw new SecretDecryptionException(
						"The secret is encrypted with key '" + keyId
								+ "', which is not in herald.crypto.keys (keys here: " + this.keyring.keyIds() + ")",
						true, null);
			}
			try {
				return open(key, decode(stored.substring(end + 1)), context.associatedData(keyId));
			}
			catch (GeneralSecurityException ex) {
				throw new SecretDecryptionException(
						"Decryption failed: the secret was altered or belongs to another tenant or channel", false, ex);
			}
		}
		if (stored != null && stored.startsWith(V1)) {
			byte[] all = decode(stored.substring(V1.length()));
			for (SecretKeySpec key : this.keyring.all()) {
				try {
					return open(key, all, null);
				}
				catch (GeneralSecurityException ex) {
					// the next key of the ring, if any
				}
			}
			throw new SecretDecryptionException(
					"Decryption failed: no key of the ring opens this v1 secret (an old key removed too early, or altered data)",
					true, null);
		}
		throw new SecretDecryptionException("Not an encrypted secret", false, null);
	}

	/** The secret encrypted again under the active key for the same context. */
	public String reencrypt(String stored, SecretContext context) {
		return encrypt(decrypt(stored, context), context);
	}

	private static byte[] decode(String base64) {
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new SecretDecryptionException("Not an encrypted secret (bad base64)", false, null);
		}
	}

	private static String open(SecretKeySpec key, byte[] all, byte[] associatedData) throws GeneralSecurityException {
		if (all.length < IV_BYTES + TAG_BITS / 8) {
			throw new AEADBadTagException("too short");
		}
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
		if (associatedData != null) {
			cipher.updateAAD(associatedData);
		}
		return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
	}

}
