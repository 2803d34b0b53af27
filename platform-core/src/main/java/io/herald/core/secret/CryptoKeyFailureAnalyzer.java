package io.herald.core.secret;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a missing or bad {@code herald.crypto.*} setting into Spring Boot's short
 * "APPLICATION FAILED TO START" report instead of a stack trace.
 */
class CryptoKeyFailureAnalyzer extends AbstractFailureAnalyzer<CryptoKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CryptoKeyException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set herald.crypto.key (environment HERALD_CRYPTO_KEY) to base64 of 32 random bytes, e.g. "
						+ "`openssl rand -base64 32`, the same in every Herald app; or a keyring with "
						+ "herald.crypto.keys.<id> and herald.crypto.active-key (see docs/security.md, "
						+ "\"Secrets and key rotation\"). Local mode (herald-local.jar) generates its own key.",
				cause);
	}

}
