package io.herald.api.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.herald.api.apikey.ApiCaller;
import io.herald.api.web.ProblemException;
import io.herald.core.audit.AuditLog;
import io.herald.core.channel.Channel;
import io.herald.core.channel.ChannelSettings;
import io.herald.core.channel.ChannelSettingsRepository;
import io.herald.core.secret.SecretCipher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's provider settings per channel: validated, encrypted at rest (AES-GCM) and
 * only ever shown with their secrets masked.
 */
@Service
class ChannelSettingsManagement {

	private final ChannelSettingsRepository settings;

	private final SecretCipher cipher;

	private final JsonMapper json;

	private final AuditLog audit;

	private final Clock clock;

	ChannelSettingsManagement(ChannelSettingsRepository settings, SecretCipher cipher, JsonMapper json, AuditLog audit,
			Clock clock) {
		this.settings = settings;
		this.cipher = cipher;
		this.json = json;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	ChannelResponse put(ApiCaller caller, Channel channel, JsonNode body) {
		Map<String, Object> validated = ProviderSettings.validate(channel, body, this.json);
		String provider = (String) validated.get("provider");
		String encrypted = this.cipher.encrypt(this.json.writeValueAsString(validated));
		Instant now = this.clock.instant();
		ChannelSettings stored = this.settings.findById(new ChannelSettings.Key(caller.tenantId(), channel))
			.map((existing) -> {
				existing.replace(provider, encrypted, now);
				return existing;
			})
			.orElseGet(() -> new ChannelSettings(caller.tenantId(), channel, provider, encrypted, now));
		this.settings.saveAndFlush(stored);
		this.audit.append(caller.actor(), caller.tenantId(), "channel-settings.updated", "channel_settings",
				channel.name(), Map.of("provider", provider));
		return response(stored);
	}

	@Transactional(readOnly = true)
	List<ChannelResponse> list(ApiCaller caller) {
		return this.settings.findAllByTenantId(caller.tenantId())
			.stream()
			.sorted((a, b) -> a.getChannel().compareTo(b.getChannel()))
			.map(this::response)
			.toList();
	}

	@Transactional(readOnly = true)
	ChannelResponse get(ApiCaller caller, Channel channel) {
		return response(find(caller, channel));
	}

	@Transactional
	void delete(ApiCaller caller, Channel channel) {
		ChannelSettings stored = find(caller, channel);
		this.settings.delete(stored);
		this.settings.flush();
		this.audit.append(caller.actor(), caller.tenantId(), "channel-settings.deleted", "channel_settings",
				channel.name(), Map.of("provider", stored.getProvider()));
	}

	private ChannelSettings find(ApiCaller caller, Channel channel) {
		return this.settings.findById(new ChannelSettings.Key(caller.tenantId(), channel))
			.orElseThrow(() -> ProblemException.notFound("Settings for channel " + channel));
	}

	private ChannelResponse response(ChannelSettings stored) {
		JsonNode settings = this.json.readTree(this.cipher.decrypt(stored.getEncryptedSettings()));
		return new ChannelResponse(stored.getChannel(), stored.getProvider(),
				ProviderSettings.masked(settings, this.json), stored.getUpdatedAt());
	}

	/**
	 * @param settings the provider's fields, secrets masked
	 */
	record ChannelResponse(Channel channel, String provider, Map<String, Object> settings, Instant updatedAt) {
	}

}
