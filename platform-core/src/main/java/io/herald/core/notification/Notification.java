package io.herald.core.notification;

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
 * The outbox row: one message to one recipient on one channel for one event and
 * subscription. Unique by (tenant, event, subscription, channel, recipient).
 */
@Entity
@Table(name = "notification")
public class Notification extends AssignedIdEntity {

	@Column(name = "tenant_id", nullable = false)
	private UUID tenantId;

	@Column(name = "event_id", nullable = false)
	private String eventId;

	@Column(name = "event_type", nullable = false)
	private String eventType;

	@Column(name = "subscription_id", nullable = false)
	private UUID subscriptionId;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Channel channel;

	@Column(nullable = false)
	private String recipient;

	private String address;

	@Column(name = "template_id")
	private UUID templateId;

	@Column(name = "template_version")
	private Integer templateVersion;

	private String subject;

	private String body;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private NotificationStatus status;

	@Column(name = "status_reason")
	private String statusReason;

	@Column(nullable = false)
	private int attempts;

	@Column(name = "attempt_series", nullable = false)
	private int attemptSeries = 1;

	@Column(name = "attempt_base", nullable = false)
	private int attemptBase;

	@Column(name = "message_id")
	private UUID messageId;

	@Column(name = "next_attempt_at")
	private Instant nextAttemptAt;

	@Column(name = "claimed_until")
	private Instant claimedUntil;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Column(name = "sent_at")
	private Instant sentAt;

	protected Notification() {
	}

	public Notification(UUID tenantId, String eventId, String eventType, UUID subscriptionId, Channel channel,
			String recipient, String address, Instant createdAt) {
		super(Ids.newId());
		this.tenantId = tenantId;
		this.eventId = eventId;
		this.eventType = eventType;
		this.subscriptionId = subscriptionId;
		this.channel = channel;
		this.recipient = recipient;
		this.address = address;
		this.status = NotificationStatus.PENDING;
		this.nextAttemptAt = createdAt;
		this.createdAt = createdAt;
		this.updatedAt = createdAt;
	}

	public void rendered(UUID templateId, int templateVersion, String subject, String body) {
		this.templateId = templateId;
		this.templateVersion = templateVersion;
		this.subject = subject;
		this.body = body;
	}

	/** Ends the notification before any attempt (opt-out, render error). */
	public void settle(NotificationStatus status, String reason, Instant at) {
		this.status = status;
		this.statusReason = reason;
		this.nextAttemptAt = null;
		this.updatedAt = at;
	}

	public UUID getTenantId() {
		return this.tenantId;
	}

	public String getEventId() {
		return this.eventId;
	}

	public String getEventType() {
		return this.eventType;
	}

	public UUID getSubscriptionId() {
		return this.subscriptionId;
	}

	public Channel getChannel() {
		return this.channel;
	}

	public String getRecipient() {
		return this.recipient;
	}

	public String getAddress() {
		return this.address;
	}

	public UUID getTemplateId() {
		return this.templateId;
	}

	public Integer getTemplateVersion() {
		return this.templateVersion;
	}

	public String getSubject() {
		return this.subject;
	}

	public String getBody() {
		return this.body;
	}

	public NotificationStatus getStatus() {
		return this.status;
	}

	public String getStatusReason() {
		return this.statusReason;
	}

	public int getAttempts() {
		return this.attempts;
	}

	/** The attempt series, 1 for the first; each resend or replay starts the next. */
	public int getAttemptSeries() {
		return this.attemptSeries;
	}

	/**
	 * The id receivers and providers see (webhook-id, SMTP Message-ID, ACS repeatability
	 * id): the notification id unless a resend or replay asked for a new one.
	 */
	public UUID getMessageId() {
		return (this.messageId != null) ? this.messageId : getId();
	}

	/** The value of {@link #getAttempts()} when the current series began. */
	public int getAttemptBase() {
		return this.attemptBase;
	}

	public Instant getNextAttemptAt() {
		return this.nextAttemptAt;
	}

	public Instant getClaimedUntil() {
		return this.claimedUntil;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public Instant getSentAt() {
		return this.sentAt;
	}

}
