package io.herald.core.sandbox;

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
import org.hibernate.annotations.Immutable;

/**
 * What an EMAIL or PUSH notification would have sent when the tenant has no provider
 * configured (local mode's sandbox inbox).
 */
@Entity
@Immutable
@Table(name = "sandbox_message")
public class SandboxMessage extends AssignedIdEntity {

	@Column(name = "tenant_id", nullable = false)
	private UUID tenantId;

	@Column(name = "notification_id", nullable = false)
	private UUID notificationId;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Channel channel;

	@Column(nullable = false)
	private String recipient;

	private String subject;

	private String body;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected SandboxMessage() {
	}

	public SandboxMessage(UUID tenantId, UUID notificationId, Channel channel, String recipient, String subject,
			String body, Instant createdAt) {
		super(Ids.newId());
		this.tenantId = tenantId;
		this.notificationId = notificationId;
		this.channel = channel;
		this.recipient = recipient;
		this.subject = subject;
		this.body = body;
		this.createdAt = createdAt;
	}

	public UUID getTenantId() {
		return this.tenantId;
	}

	public UUID getNotificationId() {
		return this.notificationId;
	}

	public Channel getChannel() {
		return this.channel;
	}

	public String getRecipient() {
		return this.recipient;
	}

	public String getSubject() {
		return this.subject;
	}

	public String getBody() {
		return this.body;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
