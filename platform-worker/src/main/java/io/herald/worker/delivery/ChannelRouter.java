package io.herald.worker.delivery;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.herald.core.channel.Channel;
import io.herald.core.channel.ProviderSettings;
import io.herald.core.error.InvalidInputException;
import io.herald.core.secret.SecretCipher;
import io.herald.core.secret.SecretContext;
import io.herald.core.secret.SecretDecryptionException;
import io.herald.worker.channel.ChannelProvider;
import io.herald.worker.channel.OutboundMessage;
import org.springframework.stereotype.Component;

/**
 * Picks the provider for a notification (the first {@link ChannelProvider} bean, in
 * {@code @Order}, that supports the channel and the tenant's configured provider) and
 * builds the message it sends. Webhook signing secrets are decrypted once per stored
 * ciphertext and kept as long as the tenant's provider settings
 * ({@code herald.delivery.settings-cache-ttl}): decrypting for every send took a sixth of
 * the dispatch threads' CPU. A rotated secret is a new ciphertext, so it applies at once.
 */
@Component
class ChannelRouter {

	private final List<ChannelProvider> providers;

	private final ChannelSettingsCache settings;

	private static final int MAX_SIGNING_SECRETS = 10_000;

	private final SecretCipher cipher;

	private final Cache<SigningSecret, String> signingSecrets;

	ChannelRouter(List<ChannelProvider> providers, ChannelSettingsCache settings, SecretCipher cipher,
			DeliveryProperties properties) {
		this.providers = List.copyOf(providers);
		this.settings = settings;
		this.cipher = cipher;
		this.signingSecrets = Caffeine.newBuilder()
			.maximumSize(MAX_SIGNING_SECRETS)
			.expireAfterWrite(properties.settingsCacheTtl())
			.build();
	}

	Route route(ClaimedNotification notification) {
		Optional<ProviderSettings> tenantSettings;
		try {
			tenantSettings = this.settings.get(notification.tenantId(), notification.channel());
		}
		catch (InvalidInputException ex) {
			return new Route.Unroutable(
					"the stored " + notification.channel() + " settings are not valid: " + ex.problems());
		}
		catch (SecretDecryptionException ex) {
			return undecryptable(ex, "the stored " + notification.channel() + " settings");
		}
		String configured = tenantSettings.map(ProviderSettings::provider).orElse(null);
		Optional<ChannelProvider> provider = this.providers.stream()
			.filter((candidate) -> candidate.supports(notification.channel(), configured))
			.findFirst();
		if (provider.isEmpty()) {
			return new Route.Unroutable("no provider configured for " + notification.channel());
		}
		String address = notification.address();
		String signingSecret = null;
		if (notification.channel() == Channel.WEBHOOK) {
			// The subscription's current endpoint, so that a corrected URL applies to
			// retries.
			if (notification.endpoint() == null) {
				return new Route.Unroutable("the webhook subscription has no endpoint");
			}
			address = notification.endpoint();
			try {
				signingSecret = (notification.encryptedSigningSecret() != null)
						? signingSecret(notification.tenantId(), notification.encryptedSigningSecret()) : null;
			}
			catch (SecretDecryptionException ex) {
				return undecryptable(ex, "the webhook signing secret");
			}
		}
		return new Route.Ready(provider.get(),
				new OutboundMessage(notification.id(), notification.tenantId(), notification.eventId(),
						notification.eventType(), notification.channel(), address, notification.recipient(),
						notification.subject(), notification.body(), notification.dataJson(), signingSecret,
						notification.attempt(), tenantSettings.orElse(null), notification.messageId()));
	}

	private String signingSecret(UUID tenantId, String stored) {
		return this.signingSecrets.get(new SigningSecret(tenantId, stored),
				(key) -> this.cipher.decrypt(key.stored(), SecretContext.webhookSigningSecret(key.tenantId())));
	}

	/**
	 * A key missing from this worker's keyring is a configuration fault that a corrected
	 * keyring fixes: thrown, so the send is retried. A ciphertext that does not open with
	 * its key was altered or moved from another tenant or channel: never retried.
	 */
	private static Route undecryptable(SecretDecryptionException ex, String what) {
		if (ex.unknownKey()) {
			throw ex;
		}
		return new Route.Unroutable(what + " cannot be decrypted (altered, or not this tenant's and channel's)");
	}

	/** A stored (encrypted) signing secret and the tenant it must open for. */
	private record SigningSecret(UUID tenantId, String stored) {

		@Override
		public String toString() {
			return "SigningSecret[" + this.tenantId + "]";
		}

	}

}
