package io.herald.core.delivery;

import java.time.Instant;
import java.util.UUID;

import io.herald.core.support.AssignedIdEntity;
import io.herald.core.support.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * One try of a notification against a provider.
 */
@Entity
@Immutable
@Table(name = "delivery_attempt")
public class DeliveryAttempt extends AssignedIdEntity {

	@Column(name = "tenant_id", nullable = false)
	private UUID tenantId;

	@Column(name = "notification_id", nullable = false)
	private UUID notificationId;

	@Column(name = "attempt_number", nullable = false)
	private int attemptNumber;

	@Column(nullable = false)
	private int series;

	@Column(name = "started_at", nullable = false)
	private Instant startedAt;

	@Column(name = "latency_ms", nullable = false)
	private long latencyMs;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private AttemptOutcome outcome;

	@Column(name = "http_status")
	private Integer httpStatus;

	@Column(name = "provider_message_id")
	private String providerMessageId;

	private String error;

	protected DeliveryAttempt() {
	}

	/** An attempt of the first series. */
	public DeliveryAttempt(UUID tenantId, UUID notificationId, int attemptNumber, Instant startedAt, long latencyMs,
			AttemptOutcome outcome, Integer httpStatus, String providerMessageId, String error) {
		this(tenantId, notificationId, attemptNumber, 1, startedAt, latencyMs, outcome, httpStatus, providerMessageId,
				error);
	}

	/**
	 * @param attemptNumber counts across all series of the notification
	 * @param series the attempt series it belongs to (1 = the first; each resend or
	 * replay starts the next)
	 */
	public DeliveryAttempt(UUID tenantId, UUID notificationId, int attemptNumber, int series, Instant startedAt,
			long latencyMs, AttemptOutcome outcome, Integer httpStatus, String providerMessageId, String error) {
		super(Ids.newId());
		this.tenantId = tenantId;
		this.notificationId = notificationId;
		this.attemptNumber = attemptNumber;
		this.series = series;
		this.startedAt = startedAt;
		this.latencyMs = latencyMs;
		this.outcome = outcome;
		this.httpStatus = httpStatus;
		this.providerMessageId = providerMessageId;
		this.error = error;
	}

	public UUID getTenantId() {
		return this.tenantId;
	}

	public UUID getNotificationId() {
		return this.notificationId;
	}

	public int getAttemptNumber() {
		return this.attemptNumber;
	}

	public int getSeries() {
		return this.series;
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public long getLatencyMs() {
		return this.latencyMs;
	}

	public AttemptOutcome getOutcome() {
		return this.outcome;
	}

	public Integer getHttpStatus() {
		return this.httpStatus;
	}

	public String getProviderMessageId() {
		return this.providerMessageId;
	}

	public String getError() {
		return this.error;
	}

}
