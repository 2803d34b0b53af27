package io.herald.worker.delivery;

import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.herald.core.channel.Channel;
import io.herald.core.channel.ChannelSettings;
import io.herald.core.channel.ChannelSettingsRepository;
import io.herald.core.channel.ProviderSettings;
import io.herald.core.channel.ProviderSettingsJson;
import io.herald.core.secret.SecretCipher;
import io.herald.core.secret.SecretContext;
import org.springframework.stereotype.Component;

/**
 * Loads and decrypts a tenant's provider settings for a channel, and keeps them briefly
 * ({@code herald.delivery.settings-cache-ttl}) so that a burst of notifications does not
 * decrypt the same settings for each one. A change reaches every worker within that time.
 * Webhook signing secrets are kept the same way, by stored ciphertext: decrypting one for
 * every send took a sixth of the dispatch threads' CPU, and a rotated secret is a new
 * ciphertext, so it applies at once.
 */
@Component
class ChannelSettingsCache {

	private static final int MAX_ENTRIES = 10_000;

	private final ChannelSettingsRepository repository;

	private final SecretCipher cipher;

	private final ProviderSettingsJson json;

	private final LoadingCache<Key, Optional<ProviderSettings>> cache;

	private final Cache<SigningSecret, String> signingSecrets;

	ChannelSettingsCache(ChannelSettingsRepository repository, SecretCipher cipher, ProviderSettingsJson json,
			DeliveryProperties properties) {
		this.repository = repository;
		this.cipher = cipher;
		this.json = json;
		this.cache = Caffeine.newBuilder()
			.maximumSize(MAX_ENTRIES)
			.expireAfterWrite(properties.settingsCacheTtl())
			.build(this::load);
		this.signingSecrets = Caffeine.newBuilder()
			.maximumSize(MAX_ENTRIES)
			.expireAfterWrite(properties.settingsCacheTtl())
			.build();
	}

	/**
	 * The tenant's settings for the channel, empty when it configured none.
	 * @throws io.herald.core.error.InvalidInputException when the stored settings no
	 * longer pass their checks
	 */
	Optional<ProviderSettings> get(UUID tenantId, Channel channel) {
		return this.cache.get(new Key(tenantId, channel));
	}

	/**
	 * A webhook subscription's signing secret, decrypted.
	 * @throws io.herald.core.secret.SecretDecryptionException when the stored secret does
	 * not open for this tenant (or its key is not in the keyring)
	 */
	String signingSecret(UUID tenantId, String stored) {
		return this.signingSecrets.get(new SigningSecret(tenantId, stored),
				(key) -> this.cipher.decrypt(key.stored(), SecretContext.webhookSigningSecret(key.tenantId())));
	}

	private Optional<ProviderSettings> load(Key key) {
		return this.repository.findById(new ChannelSettings.Key(key.tenantId(), key.channel()))
			.map((stored) -> this.json.readStored(this.cipher.decrypt(stored.getEncryptedSettings(),
					SecretContext.channelSettings(key.tenantId(), key.channel().name()))));
	}

	private record Key(UUID tenantId, Channel channel) {
	}

	/** A stored (encrypted) signing secret and the tenant it must open for. */
	private record SigningSecret(UUID tenantId, String stored) {

		@Override
		public String toString() {
			return "SigningSecret[" + this.tenantId + "]";
		}

	}

}
