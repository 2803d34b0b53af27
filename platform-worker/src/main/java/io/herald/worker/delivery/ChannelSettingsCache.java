package io.herald.worker.delivery;

import java.util.Optional;
import java.util.UUID;

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
 */
@Component
class ChannelSettingsCache {

	private static final int MAX_ENTRIES = 10_000;

	private final ChannelSettingsRepository repository;

	private final SecretCipher cipher;

	private final ProviderSettingsJson json;

	private final LoadingCache<Key, Optional<ProviderSettings>> cache;

	ChannelSettingsCache(ChannelSettingsRepository repository, SecretCipher cipher, ProviderSettingsJson json,
			DeliveryProperties properties) {
		this.repository = repository;
		this.cipher = cipher;
		this.json = json;
		this.cache = Caffeine.newBuilder()
			.maximumSize(MAX_ENTRIES)
			.expireAfterWrite(properties.settingsCacheTtl())
			.build(this::load);
	}

	/**
	 * The tenant's settings for the channel, empty when it configured none.
	 * @throws io.herald.core.error.InvalidInputException when the stored settings no
	 * longer pass their checks
	 */
	Optional<ProviderSettings> get(UUID tenantId, Channel channel) {
		return this.cache.get(new Key(tenantId, channel));
	}

	private Optional<ProviderSettings> load(Key key) {
		return this.repository.findById(new ChannelSettings.Key(key.tenantId(), key.channel()))
			.map((stored) -> this.json.readStored(this.cipher.decrypt(stored.getEncryptedSettings(),
					SecretContext.channelSettings(key.tenantId(), key.channel().name()))));
	}

	private record Key(UUID tenantId, Channel channel) {
	}

}
