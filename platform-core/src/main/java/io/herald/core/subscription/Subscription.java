package io.herald.core.subscription;

import java.time.Instant;
import java.util.UUID;

import io.herald.core.channel.Channel;
import io.herald.core.support.AssignedIdEntity;
import io.herald.core.support.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/**
 * Ties an event type to a template on a channel: every matching event produces one
 * notification per recipient. The webhook signing secret is stored encrypted.
 */
@Entity
@Table(name = "subscription")
public class Subscription extends AssignedIdEntity {

	public static final String RECIPIENT_FROM_SUBJECT = "subject";

	@Column(name = "tenant_id", nullable = false)
	private UUID tenantId;

	@Column(name = "event_type_id", nullable = false)
	private UUID eventTypeId;

	@Column(name = "template_name", nullable = false)
	private String templateName;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Channel channel;

	private String endpoint;

	@Column(name = "signing_secret")
	private String encryptedSigningSecret;

	@Column(name = "recipient_rule", nullable = false)
	private String recipientRule;

	private String filter;

	@Column(nullable = false)
	private boolean enabled;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Subscription() {
	}

	public Subscription(UUID tenantId, UUID eventTypeId, String templateName, Channel channel, String endpoint,
			String encryptedSigningSecret, String recipientRule, String filter, boolean enabled, Instant createdAt) {
		super(Ids.newId());
		this.tenantId = tenantId;
		this.eventTypeId = eventTypeId;
		this.templateName = templateName;
		this.channel = channel;
		this.endpoint = endpoint;
		this.encryptedSigningSecret = encryptedSigningSecret;
		this.recipientRule = (recipientRule != null) ? recipientRule : RECIPIENT_FROM_SUBJECT;
		this.filter = filter;
		this.enabled = enabled;
		this.createdAt = createdAt;
		this.updatedAt = createdAt;
	}

	public void update(String templateName, String endpoint, String recipientRule, String filter, boolean enabled,
			Instant at) {
		this.templateName = templateName;
		this.endpoint = endpoint;
		this.recipientRule = (recipientRule != null) ? recipientRule : RECIPIENT_FROM_SUBJECT;
		this.filter = filter;
		this.enabled = enabled;
		this.updatedAt = at;
	}

	public UUID getTenantId() {
		return this.tenantId;
	}

	public UUID getEventTypeId() {
		return this.eventTypeId;
	}

	public String getTemplateName() {
		return this.templateName;
	}

	public Channel getChannel() {
		return this.channel;
	}

	public String getEndpoint() {
		return this.endpoint;
	}

	public String getEncryptedSigningSecret() {
		return this.encryptedSigningSecret;
	}

	public String getRecipientRule() {
		return this.recipientRule;
	}

	public String getFilter() {
		return this.filter;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
