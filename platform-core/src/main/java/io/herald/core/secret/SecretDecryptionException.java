package io.herald.core.secret;

/**
 * A stored secret that cannot be decrypted: its key is not in this instance's keyring, or
 * the ciphertext was altered or belongs to another tenant or channel. The message names
 * neither the key material nor the secret.
 */
public class SecretDecryptionException extends RuntimeException {

	private final boolean unknownKey;

	SecretDecryptionException(String message, boolean unknownKey, Throwable cause) {
		super(message, cause);
		this.unknownKey = unknownKey;
	}

	/**
	 * Whether the key the secret names is missing here (a configuration problem that a
	 * corrected keyring fixes) rather than the ciphertext being wrong.
	 */
	public boolean unknownKey() {
		return this.unknownKey;
	}

}
