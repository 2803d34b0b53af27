package io.herald.worker.delivery;

import java.util.List;
import java.util.Optional;

import io.herald.core.channel.Channel;
import io.herald.core.channel.ProviderSettings;
import io.herald.core.error.InvalidInputException;
import io.herald.core.secret.SecretDecryptionException;
import io.herald.worker.channel.ChannelProvider;
import io.herald.worker.channel.OutboundMessage;
import org.springframework.stereotype.Component;

/**
 * Picks the provider for a notification (the first {@link ChannelProvider} bean, in
 * {@code @Order}, that supports the channel and the tenant's configured provider) and
 * builds the message it sends.
 */
@Component
class ChannelRouter {

	private final List<ChannelProvider> providers;

	private final ChannelSettingsCache settings;

	ChannelRouter(List<ChannelProvider> providers, ChannelSettingsCache settings) {
		this.providers = List.copyOf(providers);
		this.settings = settings;
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
						? this.settings.signingSecret(notification.tenantId(), notification.encryptedSigningSecret())
						: null;
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

}
