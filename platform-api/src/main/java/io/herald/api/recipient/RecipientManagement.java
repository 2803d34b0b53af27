package io.herald.api.recipient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.herald.api.apikey.ApiCaller;
import io.herald.api.web.Channels;
import io.herald.api.web.ProblemException;
import io.herald.core.audit.AuditLog;
import io.herald.core.recipient.Recipient;
import io.herald.core.recipient.RecipientRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recipient profiles: upsert, read and erase. Erasing removes the profile and scrubs its
 * addresses and rendered content from delivery history, which keeps only the recipient's
 * id; notifications still waiting to be sent are suppressed.
 */
@Service
class RecipientManagement {

	private final RecipientRepository recipients;

	private final AuditLog audit;

	private final JdbcClient jdbc;

	private final Clock clock;

	RecipientManagement(RecipientRepository recipients, AuditLog audit, JdbcClient jdbc, Clock clock) {
		this.recipients = recipients;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	Upserted upsert(ApiCaller caller, String externalId, RecipientRequest request) {
		String timeZone = timeZone(request.timeZone());
		RecipientRequest.OptOut optOut = request.optOut();
		List<String> channels = new ArrayList<>();
		if (optOut != null && optOut.channels() != null) {
			for (int i = 0; i < optOut.channels().size(); i++) {
				channels.add(Channels.parse("optOut.channels[" + i + "]", optOut.channels().get(i)).name());
			}
		}
		Recipient recipient = this.recipients.findByTenantIdAndExternalId(caller.tenantId(), externalId).orElse(null);
		boolean created = recipient == null;
		if (created) {
			recipient = new Recipient(caller.tenantId(), externalId, this.clock.instant());
		}
		recipient.update(blankToNull(request.email()), blankToNull(request.phone()),
				CommaList.join(request.pushTokens()), blankToNull(request.locale()), timeZone, CommaList.join(channels),
				CommaList.join((optOut != null) ? optOut.eventTypes() : null), this.clock.instant());
		recipient = this.recipients.saveAndFlush(recipient);
		this.audit.append(caller.actor(), caller.tenantId(), created ? "recipient.created" : "recipient.updated",
				"recipient", externalId, Map.of());
		return new Upserted(RecipientResponse.of(recipient), created);
	}

	@Transactional(readOnly = true)
	RecipientResponse get(ApiCaller caller, String externalId) {
		return this.recipients.findByTenantIdAndExternalId(caller.tenantId(), externalId)
			.map(RecipientResponse::of)
			.orElseThrow(() -> ProblemException.notFound("Recipient"));
	}

	/**
	 * Erases a recipient; idempotent, so that an erasure request can be repeated safely.
	 */
	@Transactional
	void erase(ApiCaller caller, String externalId) {
		Recipient profile = this.recipients.findByTenantIdAndExternalId(caller.tenantId(), externalId).orElse(null);
		// the id itself, and the addresses a subscription may have taken straight from
		// event data
		List<String> addresses = new ArrayList<>(List.of(externalId));
		if (profile != null) {
			addIfPresent(addresses, profile.getEmail());
			addIfPresent(addresses, profile.getPhone());
			CommaList.split(profile.getPushTokens()).forEach((token) -> addIfPresent(addresses, token));
			this.recipients.delete(profile);
			this.recipients.flush();
		}
		int sandbox = this.jdbc.sql("""
				update sandbox_message s set recipient = :id, subject = null, body = null
				from notification n
				where n.id = s.notification_id and s.tenant_id = :tenant and n.tenant_id = :tenant
				  and (n.recipient = :id or s.recipient in (:addresses) or n.address in (:addresses))
				""").param("tenant", caller.tenantId()).param("id", externalId).param("addresses", addresses).update();
		int notifications = this.jdbc.sql("""
				update notification set address = null, subject = null, body = null, updated_at = :now,
				  status = case when status in ('PENDING', 'RETRYING') then 'SUPPRESSED' else status end,
				  status_reason = case when status in ('PENDING', 'RETRYING') then 'recipient erased'
				    else status_reason end
				where tenant_id = :tenant and (recipient = :id or address in (:addresses))
				""")
			.param("tenant", caller.tenantId())
			.param("id", externalId)
			.param("addresses", addresses)
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		this.audit.append(caller.actor(), caller.tenantId(), "recipient.erased", "recipient", externalId,
				Map.of("profile", profile != null, "notificationsScrubbed", notifications, "sandboxMessagesScrubbed",
						sandbox));
	}

	private static void addIfPresent(List<String> addresses, String address) {
		if (address != null && !address.isBlank()) {
			addresses.add(address);
		}
	}

	private static String timeZone(String timeZone) {
		if (timeZone == null || timeZone.isBlank()) {
			return null;
		}
		try {
			return ZoneId.of(timeZone).getId();
		}
		catch (DateTimeException ex) {
			throw ProblemException.invalid("timeZone", "must be an IANA time zone such as Europe/Berlin");
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	record Upserted(RecipientResponse recipient, boolean created) {
	}

}
