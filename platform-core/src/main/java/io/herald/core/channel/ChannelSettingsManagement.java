package io.herald.core.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.herald.core.audit.AuditLog;
import io.herald.core.error.InvalidInputException;
import io.herald.core.error.NotFoundException;
import io.herald.core.secret.SecretCipher;
import io.herald.core.secret.SecretContext;
import io.herald.core.support.Page;
import io.herald.core.support.PageCursor;
import io.herald.core.support.PageQuery;
import io.herald.core.tenant.TenantScope;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * A tenant's provider settings per channel, the facade of the feature: validated,
 * encrypted at rest (AES-GCM) and only ever shown with their secrets masked.
 */
@Service
public class ChannelSettingsManagement {

	private static final String LIST = "channels";

	private final ChannelSettingsRepository settings;

	private final ProviderSettingsJson json;

	private final SecretCipher cipher;

	private final AuditLog audit;

	private final Clock clock;

	ChannelSettingsManagement(ChannelSettingsRepository settings, ProviderSettingsJson json, SecretCipher cipher,
			AuditLog audit, Clock clock) {
		this.settings = settings;
		this.json = json;
		this.cipher = cipher;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Replaces the channel's settings with ones a tenant wrote as JSON.
	 * @throws InvalidInputException naming every bad field
	 */
	@Transactional
	public ChannelSettingsView put(TenantScope scope, Channel channel, JsonNode body) {
		return put(scope, this.json.read(channel, body));
	}

	/**
	 * Replaces the channel's settings like {@link #put(TenantScope, Channel, JsonNode)},
	 * except that a secret left blank keeps the one stored for the same provider: the
	 * console's forms never have to show a secret to keep it.
	 * @throws InvalidInputException naming every bad field
	 */
	@Transactional
	public ChannelSettingsView putKeepingSecret(TenantScope scope, Channel channel, JsonNode body) {
		JsonNode merged = this.settings.findById(new ChannelSettings.Key(scope.tenantId(), channel))
			.map((stored) -> this.json.withStoredSecret(body, decrypt(stored)))
			.orElse(body);
		return put(scope, this.json.read(channel, merged));
	}

	/**
	 * Replaces the settings of their channel.
	 */
	@Transactional
	public ChannelSettingsView put(TenantScope scope, ProviderSettings provided) {
		Channel channel = provided.channel();
		String encrypted = this.cipher.encrypt(this.json.write(provided),
				SecretContext.channelSettings(scope.tenantId(), channel.name()));
		Instant now = this.clock.instant();
		Optional<ChannelSettings> existing = this.settings.findById(new ChannelSettings.Key(scope.tenantId(), channel));
		// masked views: a change record never holds a secret
		ChannelSettingsView before = existing.map(this::view).orElse(null);
		ChannelSettings stored = existing.map((found) -> {
			found.replace(provided.provider(), encrypted, now);
			return found;
		}).orElseGet(() -> new ChannelSettings(scope.tenantId(), channel, provided.provider(), encrypted, now));
		this.settings.saveAndFlush(stored);
		ChannelSettingsView after = view(stored, provided);
		this.audit.appendChange(scope.actor(), scope.tenantId(), "channel-settings.updated", "channel_settings",
				channel.name(), Map.of("provider", provided.provider()), before, after);
		return after;
	}

	@Transactional(readOnly = true)
	public List<ChannelSettingsView> list(TenantScope scope) {
		return this.settings.findAllByTenantId(scope.tenantId())
			.stream()
			.sorted(Comparator.comparing(ChannelSettings::getChannel))
			.map(this::view)
			.toList();
	}

	/**
	 * A page of the tenant's channel settings, by channel; there are at most three, but
	 * the list pages like every other.
	 */
	@Transactional(readOnly = true)
	public Page<ChannelSettingsView> page(TenantScope scope, PageQuery query) {
		String after = query.afterText(LIST);
		List<ChannelSettings> rows = this.settings.findAllByTenantId(scope.tenantId())
			.stream()
			.filter((stored) -> stored.getChannel().name().compareTo(after) > 0)
			.sorted(Comparator.comparing((ChannelSettings stored) -> stored.getChannel().name()))
			.limit(query.fetchSize())
			.toList();
		return Page.of(rows, query, (stored) -> PageCursor.of(LIST, stored.getChannel().name())).map(this::view);
	}

	/**
	 * @throws NotFoundException when the tenant configured nothing for the channel
	 */
	@Transactional(readOnly = true)
	public ChannelSettingsView get(TenantScope scope, Channel channel) {
		return view(find(scope, channel));
	}

	/**
	 * @throws NotFoundException when the tenant configured nothing for the channel
	 */
	@Transactional
	public void delete(TenantScope scope, Channel channel) {
		ChannelSettings stored = find(scope, channel);
		this.settings.delete(stored);
		this.settings.flush();
		this.audit.append(scope.actor(), scope.tenantId(), "channel-settings.deleted", "channel_settings",
				channel.name(), Map.of("provider", stored.getProvider()));
	}

	private ChannelSettings find(TenantScope scope, Channel channel) {
		return this.settings.findById(new ChannelSettings.Key(scope.tenantId(), channel))
			.orElseThrow(() -> new NotFoundException("Settings for channel " + channel));
	}

	private ChannelSettingsView view(ChannelSettings stored) {
		return view(stored, decrypt(stored));
	}

	private ProviderSettings decrypt(ChannelSettings stored) {
		return this.json.readStored(this.cipher.decrypt(stored.getEncryptedSettings(),
				SecretContext.channelSettings(stored.getTenantId(), stored.getChannel().name())));
	}

	private static ChannelSettingsView view(ChannelSettings stored, ProviderSettings settings) {
		return new ChannelSettingsView(stored.getChannel(), stored.getProvider(), settings.masked(),
				stored.getUpdatedAt());
	}

}
