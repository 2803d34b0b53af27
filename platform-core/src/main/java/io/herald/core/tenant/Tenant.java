package io.herald.core.tenant;

import java.time.Instant;

import io.herald.core.support.AssignedIdEntity;
import io.herald.core.support.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "tenant")
public class Tenant extends AssignedIdEntity {

	@Column(nullable = false)
	private String slug;

	@Column(nullable = false)
	private String name;

	@Column(name = "default_locale", nullable = false)
	private String defaultLocale;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "suspended_at")
	private Instant suspendedAt;

	@Column(name = "ingest_events_per_second")
	private Integer ingestEventsPerSecond;

	@Column(name = "ingest_burst")
	private Integer ingestBurst;

	protected Tenant() {
	}

	public Tenant(String slug, String name, String defaultLocale, Instant createdAt) {
		super(Ids.newId());
		this.slug = slug;
		this.name = name;
		this.defaultLocale = defaultLocale;
		this.createdAt = createdAt;
	}

	public String getSlug() {
		return this.slug;
	}

	public String getName() {
		return this.name;
	}

	public String getDefaultLocale() {
		return this.defaultLocale;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getSuspendedAt() {
		return this.suspendedAt;
	}

	public boolean isSuspended() {
		return this.suspendedAt != null;
	}

	/** The ingest quota, or null when the tenant has none. */
	public IngestLimits getIngestLimits() {
		return (this.ingestEventsPerSecond != null) ? new IngestLimits(this.ingestEventsPerSecond, this.ingestBurst)
				: null;
	}

	void rename(String name) {
		this.name = name;
	}

	void changeDefaultLocale(String defaultLocale) {
		this.defaultLocale = defaultLocale;
	}

	void suspend(Instant at) {
		this.suspendedAt = at;
	}

	void resume() {
		this.suspendedAt = null;
	}

	void limit(IngestLimits limits) {
		this.ingestEventsPerSecond = (limits != null) ? limits.eventsPerSecond() : null;
		this.ingestBurst = (limits != null) ? limits.burst() : null;
	}

}
