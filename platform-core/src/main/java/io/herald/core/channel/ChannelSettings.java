package io.herald.core.channel;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A tenant's provider settings for one channel; {@code settings} is AES-GCM ciphertext of
 * a JSON object and is never returned in clear.
 */
@Entity
@IdClass(ChannelSettings.Key.class)
@Table(name = "channel_settings")
public class ChannelSettings {

	@Id
	@Column(name = "tenant_id")
	private UUID tenantId;

	@Id
	@Enumerated(EnumType.STRING)
	private Channel channel;

	@Column(nullable = false)
	private String provider;

	@Column(name = "settings", nullable = false)
	private String encryptedSettings;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected ChannelSettings() {
	}

	public ChannelSettings(UUID tenantId, Channel channel, String provider, String encryptedSettings,
			Instant updatedAt) {
		this.tenantId = tenantId;
		this.channel = channel;
		this.provider = provider;
		this.encryptedSettings = encryptedSettings;
		this.updatedAt = updatedAt;
	}

	public void replace(String provider, String encryptedSettings, Instant at) {
		this.provider = provider;
		this.encryptedSettings = encryptedSettings;
		this.updatedAt = at;
	}

	public UUID getTenantId() {
		return this.tenantId;
	}

	public Channel getChannel() {
		return this.channel;
	}

	public String getProvider() {
		return this.provider;
	}

	public String getEncryptedSettings() {
		return this.encryptedSettings;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	/** Composite primary key of {@link ChannelSettings}. */
	public static class Key implements Serializable {

		private UUID tenantId;

		private Channel channel;

		protected Key() {
		}

		public Key(UUID tenantId, Channel channel) {
			this.tenantId = tenantId;
			this.channel = channel;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && Objects.equals(this.tenantId, key.tenantId)
					&& this.channel == key.channel;
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.tenantId, this.channel);
		}

	}

}
