package io.herald.core.event;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * A stored fact in the event log; (tenant, event id) is its primary key and Herald's
 * final guard against processing one fact twice.
 */
@Entity
@Immutable
@IdClass(EventRecord.Key.class)
@Table(name = "event")
public class EventRecord {

	@Id
	@Column(name = "tenant_id")
	private UUID tenantId;

	@Id
	@Column(name = "event_id")
	private String eventId;

	@Column(nullable = false)
	private String type;

	@Column(nullable = false)
	private String source;

	private String subject;

	private Instant time;

	private String datacontenttype;

	private String data;

	@Column(name = "received_at", nullable = false)
	private Instant receivedAt;

	protected EventRecord() {
	}

	public EventRecord(UUID tenantId, CloudEventEnvelope event, String data, Instant receivedAt) {
		this.tenantId = tenantId;
		this.eventId = event.id();
		this.type = event.type();
		this.source = event.source();
		this.subject = event.subject();
		this.time = event.time();
		this.datacontenttype = event.datacontenttype();
		this.data = data;
		this.receivedAt = receivedAt;
	}

	public UUID getTenantId() {
		return this.tenantId;
	}

	public String getEventId() {
		return this.eventId;
	}

	public String getType() {
		return this.type;
	}

	public String getSource() {
		return this.source;
	}

	public String getSubject() {
		return this.subject;
	}

	public Instant getTime() {
		return this.time;
	}

	public String getDatacontenttype() {
		return this.datacontenttype;
	}

	public String getData() {
		return this.data;
	}

	public Instant getReceivedAt() {
		return this.receivedAt;
	}

	/** Composite primary key of {@link EventRecord}. */
	public static class Key implements Serializable {

		private UUID tenantId;

		private String eventId;

		protected Key() {
		}

		public Key(UUID tenantId, String eventId) {
			this.tenantId = tenantId;
			this.eventId = eventId;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && Objects.equals(this.tenantId, key.tenantId)
					&& Objects.equals(this.eventId, key.eventId);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.tenantId, this.eventId);
		}

	}

}
