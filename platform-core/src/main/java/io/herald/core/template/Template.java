package io.herald.core.template;

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
 * One immutable version of a tenant's template for a channel and locale, in Liquid.
 */
@Entity
@Immutable
@Table(name = "template")
public class Template extends AssignedIdEntity {

	@Column(name = "tenant_id", nullable = false)
	private UUID tenantId;

	@Column(nullable = false)
	private String name;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Channel channel;

	@Column(nullable = false)
	private String locale;

	@Column(nullable = false)
	private int version;

	private String subject;

	@Column(nullable = false)
	private String body;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected Template() {
	}

	public Template(UUID tenantId, String name, Channel channel, String locale, int version, String subject,
			String body, Instant createdAt) {
		super(Ids.newId());
		this.tenantId = tenantId;
		this.name = name;
		this.channel = channel;
		this.locale = locale;
		this.version = version;
		this.subject = subject;
		this.body = body;
		this.createdAt = createdAt;
	}

	public UUID getTenantId() {
		return this.tenantId;
	}

	public String getName() {
		return this.name;
	}

	public Channel getChannel() {
		return this.channel;
	}

	public String getLocale() {
		return this.locale;
	}

	public int getVersion() {
		return this.version;
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
