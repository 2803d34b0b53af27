package io.herald.core.recipient;

import java.time.Instant;
import java.util.UUID;

import io.herald.core.support.AssignedIdEntity;
import io.herald.core.support.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A tenant's end user and how to reach them. List fields are stored as comma-separated
 * text.
 */
@Entity
@Table(name = "recipient")
public class Recipient extends AssignedIdEntity {

	@Column(name = "tenant_id", nullable = false)
	private UUID tenantId;

	@Column(name = "external_id", nullable = false)
	private String externalId;

	private String email;

	private String phone;

	@Column(name = "push_tokens")
	private String pushTokens;

	private String locale;

	@Column(name = "time_zone")
	private String timeZone;

	@Column(name = "opt_out_channels")
	private String optOutChannels;

	@Column(name = "opt_out_event_types")
	private String optOutEventTypes;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Recipient() {
	}

	public Recipient(UUID tenantId, String externalId, Instant createdAt) {
		super(Ids.newId());
		this.tenantId = tenantId;
		this.externalId = externalId;
		this.createdAt = createdAt;
		this.updatedAt = createdAt;
	}

	public void update(String email, String phone, String pushTokens, String locale, String timeZone,
			String optOutChannels, String optOutEventTypes, Instant at) {
		this.email = email;
		this.phone = phone;
		this.pushTokens = pushTokens;
		this.locale = locale;
		this.timeZone = timeZone;
		this.optOutChannels = optOutChannels;
		this.optOutEventTypes = optOutEventTypes;
		this.updatedAt = at;
	}

	public void replacePushTokens(String pushTokens, Instant at) {
		this.pushTokens = pushTokens;
		this.updatedAt = at;
	}

	public UUID getTenantId() {
		return this.tenantId;
	}

	public String getExternalId() {
		return this.externalId;
	}

	public String getEmail() {
		return this.email;
	}

	public String getPhone() {
		return this.phone;
	}

	public String getPushTokens() {
		return this.pushTokens;
	}

	public String getLocale() {
		return this.locale;
	}

	public String getTimeZone() {
		return this.timeZone;
	}

	public String getOptOutChannels() {
		return this.optOutChannels;
	}

	public String getOptOutEventTypes() {
		return this.optOutEventTypes;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
