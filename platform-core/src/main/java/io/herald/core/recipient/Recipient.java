package io.herald.core.recipient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.herald.core.support.AssignedIdEntity;
import io.herald.core.support.Ids;
import io.herald.core.support.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A tenant's end user and how to reach them. The lists (push tokens, opt-outs) are lists
 * here; {@link StringListConverter} stores each in one text column.
 */
@Entity
@Table(name = "recipient")
public class Recipient extends AssignedIdEntity {

	@Column(name = "tenant_id", nullable = false)
	private UUID tenantId;

	@Column(name = "external_id", nullable = false)
	private String externalId;

	private String email;

	private String phone;

	@Convert(converter = StringListConverter.class)
	@Column(name = "push_tokens")
	private List<String> pushTokens = List.of();

	private String locale;

	@Column(name = "time_zone")
	private String timeZone;

	@Convert(converter = StringListConverter.class)
	@Column(name = "opt_out_channels")
	private List<String> optOutChannels = List.of();

	@Convert(converter = StringListConverter.class)
	@Column(name = "opt_out_event_types")
	private List<String> optOutEventTypes = List.of();

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Recipient() {
	}

	public Recipient(UUID tenantId, String externalId, Instant createdAt) {
		super(Ids.newId());
		this.tenantId = tenantId;
		this.externalId = externalId;
		this.createdAt = createdAt;
		this.updatedAt = createdAt;
	}

	public void update(String email, String phone, List<String> pushTokens, String locale, String timeZone,
			List<String> optOutChannels, List<String> optOutEventTypes, Instant at) {
		this.email = email;
		this.phone = phone;
		this.pushTokens = List.copyOf(pushTokens);
		this.locale = locale;
		this.timeZone = timeZone;
		this.optOutChannels = List.copyOf(optOutChannels);
		this.optOutEventTypes = List.copyOf(optOutEventTypes);
		this.updatedAt = at;
	}

	/**
	 * Forgets a push token the provider reported as no longer registered.
	 * @return whether the recipient held it
	 */
	public boolean removePushToken(String token, Instant at) {
		List<String> remaining = new ArrayList<>(this.pushTokens);
		if (!remaining.removeIf(token::equals)) {
			return false;
		}
		this.pushTokens = List.copyOf(remaining);
		this.updatedAt = at;
		return true;
	}

	public UUID getTenantId() {
		return this.tenantId;
	}

	public String getExternalId() {
		return this.externalId;
	}

	public String getEmail() {
		return this.email;
	}

	public String getPhone() {
		return this.phone;
	}

	public List<String> pushTokens() {
		return this.pushTokens;
	}

	/**
	 * The push tokens comma separated, or null.
	 * @deprecated for the fan-out's recipient resolver until it reads
	 * {@link #pushTokens()}
	 */
	@Deprecated(forRemoval = true)
	public String getPushTokens() {
		return joined(this.pushTokens);
	}

	public String getLocale() {
		return this.locale;
	}

	public String getTimeZone() {
		return this.timeZone;
	}

	/** The names of the channels the recipient opted out of. */
	public List<String> optOutChannels() {
		return this.optOutChannels;
	}

	/** The names of the event types the recipient opted out of. */
	public List<String> optOutEventTypes() {
		return this.optOutEventTypes;
	}

	/**
	 * @deprecated for the fan-out's recipient resolver until it reads
	 * {@link #optOutChannels()}
	 */
	@Deprecated(forRemoval = true)
	public String getOptOutChannels() {
		return joined(this.optOutChannels);
	}

	/**
	 * @deprecated for the fan-out's recipient resolver until it reads
	 * {@link #optOutEventTypes()}
	 */
	@Deprecated(forRemoval = true)
	public String getOptOutEventTypes() {
		return joined(this.optOutEventTypes);
	}

	private static String joined(List<String> values) {
		return values.isEmpty() ? null : String.join(",", values);
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
