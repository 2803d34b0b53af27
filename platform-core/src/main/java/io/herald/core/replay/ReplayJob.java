package io.herald.core.replay;

import java.time.Instant;
import java.util.UUID;

import io.herald.core.support.AssignedIdEntity;
import io.herald.core.support.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/**
 * A request to requeue failed notifications, with who asked, its filter (as JSON in
 * {@code criteria}) and its progress. The worker runs it under a lease and updates the
 * counts with SQL; this entity is the read side and the creation.
 */
@Entity
@Table(name = "replay_job")
public class ReplayJob extends AssignedIdEntity {

	@Column(name = "tenant_id")
	private UUID tenantId;

	@Column(name = "requested_by", nullable = false)
	private String requestedBy;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private ReplayKind kind;

	@Column(nullable = false)
	private String criteria;

	@Column(name = "dry_run", nullable = false)
	private boolean dryRun;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private ReplayStatus status;

	@Column(name = "rate_per_second")
	private Integer ratePerSecond;

	@Column(name = "new_message_id", nullable = false)
	private boolean newMessageId;

	@Column(nullable = false)
	private int matched;

	@Column(nullable = false)
	private int processed;

	@Column(nullable = false)
	private int requeued;

	@Column(nullable = false)
	private int created;

	@Column(nullable = false)
	private int skipped;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "started_at")
	private Instant startedAt;

	@Column(name = "finished_at")
	private Instant finishedAt;

	private String error;

	protected ReplayJob() {
	}

	/**
	 * @param tenantId null for an operator's job over all tenants
	 * @param criteria the filter as JSON
	 */
	public ReplayJob(UUID tenantId, String requestedBy, ReplayKind kind, String criteria, Integer ratePerSecond,
			Instant createdAt) {
		super(Ids.newId());
		this.tenantId = tenantId;
		this.requestedBy = requestedBy;
		this.kind = kind;
		this.criteria = criteria;
		this.ratePerSecond = ratePerSecond;
		this.status = ReplayStatus.PENDING;
		this.createdAt = createdAt;
	}

	public UUID getTenantId() {
		return this.tenantId;
	}

	public String getRequestedBy() {
		return this.requestedBy;
	}

	public ReplayKind getKind() {
		return this.kind;
	}

	public String getCriteria() {
		return this.criteria;
	}

	public boolean isDryRun() {
		return this.dryRun;
	}

	public ReplayStatus getStatus() {
		return this.status;
	}

	/** Whether requeued notifications get a new receiver-facing message id. */
	public boolean isNewMessageId() {
		return this.newMessageId;
	}

	/** Asks for a new receiver-facing message id for every requeued notification. */
	public ReplayJob renewingMessageIds(boolean renew) {
		this.newMessageId = renew;
		return this;
	}

	public Integer getRatePerSecond() {
		return this.ratePerSecond;
	}

	public int getMatched() {
		return this.matched;
	}

	public int getProcessed() {
		return this.processed;
	}

	public int getRequeued() {
		return this.requeued;
	}

	public int getCreated() {
		return this.created;
	}

	public int getSkipped() {
		return this.skipped;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public Instant getFinishedAt() {
		return this.finishedAt;
	}

	public String getError() {
		return this.error;
	}

}
