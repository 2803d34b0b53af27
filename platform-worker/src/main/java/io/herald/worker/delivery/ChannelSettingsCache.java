package io.herald.worker.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.herald.core.channel.Channel;
import io.herald.core.channel.ChannelSettings;
import io.herald.core.channel.ChannelSettingsRepository;
import io.herald.core.secret.SecretCipher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads and decrypts a tenant's provider settings for a channel, and keeps them briefly
 * ({@code herald.delivery.settings-cache-ttl}) so that a burst of notifications does not
 * decrypt the same settings for each one. A change reaches every worker within that time.
 */
@Component
class ChannelSettingsCache {

	private final ChannelSettingsRepository repository;

	private final SecretCipher cipher;

	private final JsonMapper json;

	private final Clock clock;

	private final DeliveryProperties properties;

	private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

	ChannelSettingsCache(ChannelSettingsRepository repository, SecretCipher cipher, JsonMapper json, Clock clock,
			DeliveryProperties properties) {
		this.repository = repository;
		this.cipher = cipher;
		this.json = json;
		this.clock = clock;
		this.properties = properties;
	}

	TenantChannelSettings get(UUID tenantId, Channel channel) {
		Instant now = this.clock.instant();
		Key key = new Key(tenantId, channel);
		Cached cached = this.cache.get(key);
		if (cached != null && cached.expiresAt().isAfter(now)) {
			return cached.settings();
		}
		TenantChannelSettings settings = this.repository.findById(new ChannelSettings.Key(tenantId, channel))
			.map(this::decrypt)
			.orElse(TenantChannelSettings.NONE);
		this.cache.put(key, new Cached(settings, now.plus(this.properties.settingsCacheTtl())));
		return settings;
	}

	private TenantChannelSettings decrypt(ChannelSettings stored) {
		JsonNode node = this.json.readTree(this.cipher.decrypt(stored.getEncryptedSettings()));
		Map<String, String> flat = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			JsonNode value = field.getValue();
			if (!value.isNull()) {
				flat.put(field.getKey(), value.isValueNode() ? value.asString() : this.json.writeValueAsString(value));
			}
		}
		return new TenantChannelSettings(stored.getProvider(), Map.copyOf(flat));
	}

	private record Key(UUID tenantId, Channel channel) {
	}

	private record Cached(TenantChannelSettings settings, Instant expiresAt) {
	}

}
