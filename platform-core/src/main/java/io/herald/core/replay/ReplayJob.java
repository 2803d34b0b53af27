package io.herald.core.replay;

import java.time.Instant;
import java.util.UUID;

import io.herald.core.support.AssignedIdEntity;
import io.herald.core.support.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A request to re-queue failed notifications or re-run fan-out, with who asked and what
 * it matched.
 */
@Entity
@Table(name = "replay_job")
public class ReplayJob extends AssignedIdEntity {

	@Column(name = "tenant_id")
	private UUID tenantId;

	@Column(name = "requested_by", nullable = false)
	private String requestedBy;

	@Column(nullable = false)
	private String kind;

	@Column(nullable = false)
	private String criteria;

	@Column(name = "dry_run", nullable = false)
	private boolean dryRun;

	@Column(nullable = false)
	private String status;

	@Column(nullable = false)
	private int matched;

	@Column(nullable = false)
	private int requeued;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "finished_at")
	private Instant finishedAt;

	protected ReplayJob() {
	}

	public ReplayJob(UUID tenantId, String requestedBy, String kind, String criteria, boolean dryRun,
			Instant createdAt) {
		super(Ids.newId());
		this.tenantId = tenantId;
		this.requestedBy = requestedBy;
		this.kind = kind;
		this.criteria = criteria;
		this.dryRun = dryRun;
		this.status = "RUNNING";
		this.createdAt = createdAt;
	}

	public void finish(int matched, int requeued, Instant at) {
		this.matched = matched;
		this.requeued = requeued;
		this.status = "DONE";
		this.finishedAt = at;
	}

	public UUID getTenantId() {
		return this.tenantId;
	}

	public String getRequestedBy() {
		return this.requestedBy;
	}

	public String getKind() {
		return this.kind;
	}

	public String getCriteria() {
		return this.criteria;
	}

	public boolean isDryRun() {
		return this.dryRun;
	}

	public String getStatus() {
		return this.status;
	}

	public int getMatched() {
		return this.matched;
	}

	public int getRequeued() {
		return this.requeued;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getFinishedAt() {
		return this.finishedAt;
	}

}
