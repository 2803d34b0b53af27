package io.herald.core.secret;

/**
 * The configured encryption keys are missing or unusable; the app refuses to start (see
 * {@link CryptoKeyFailureAnalyzer}). The message never contains key material.
 */
public class CryptoKeyException extends IllegalStateException {

	public CryptoKeyException(String message) {
		super(message);
	}

}
