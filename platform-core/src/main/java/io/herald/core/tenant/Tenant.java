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

}
