package io.herald.core.secret;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What a stored secret belongs to: its tenant and its purpose (the channel whose settings
 * it holds, or the webhook signing secret). It is the associated data of the AES-GCM
 * ciphertext, so a ciphertext copied to another tenant's row or another channel's row
 * fails to decrypt instead of being used there.
 *
 * @param tenantId the owning tenant
 * @param purpose what the secret is, e.g. {@code channel-settings/EMAIL}
 */
public record SecretContext(UUID tenantId, String purpose) {

	public SecretContext {
		if (tenantId == null || purpose == null || purpose.isBlank()) {
			throw new IllegalArgumentException("A secret needs its tenant and purpose");
		}
	}

	/** The provider settings of one channel of a tenant. */
	public static SecretContext channelSettings(UUID tenantId, String channel) {
		return new SecretContext(tenantId, "channel-settings/" + channel);
	}

	/** A webhook subscription's signing secret. */
	public static SecretContext webhookSigningSecret(UUID tenantId) {
		return new SecretContext(tenantId, "signing-secret/WEBHOOK");
	}

	/**
	 * A response kept for an {@code Idempotency-Key} (24 h, not rotated: it expires),
	 * bound to its principal ({@code tenant:<id>} or {@code operator:<name>}).
	 */
	public static SecretContext idempotentResponse(String principal) {
		return new SecretContext(new UUID(0, 0), "idempotency-response/" + principal);
	}

	byte[] associatedData(String keyId) {
		return ("herald-secret|v2|" + keyId + "|" + this.tenantId + "|" + this.purpose)
			.getBytes(StandardCharsets.UTF_8);
	}

}
