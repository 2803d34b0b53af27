package io.herald.core.recipient;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.herald.core.audit.AuditLog;
import io.herald.core.channel.Channel;
import io.herald.core.error.InvalidInputException;
import io.herald.core.error.NotFoundException;
import io.herald.core.recipient.RecipientView.Upserted;
import io.herald.core.support.InputRules;
import io.herald.core.support.Page;
import io.herald.core.support.PageCursor;
import io.herald.core.support.PageQuery;
import io.herald.core.tenant.TenantScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recipient profiles, the facade of the feature: upsert, read and erase. Erasing removes
 * the profile and scrubs its addresses and rendered content from delivery history, which
 * keeps only the recipient's id; the addresses are also cut out of attempt errors, status
 * reasons and audit details; notifications still waiting to be sent are suppressed.
 */
@Service
public class RecipientManagement {

	private static final String LIST = "recipients";

	/** What may name a recipient: the id events carry in {@code subject}. */
	private static final Pattern EXTERNAL_ID = Pattern.compile("[^,\\s]{1,200}");

	private final RecipientRepository recipients;

	private final InputRules rules;

	private final AuditLog audit;

	private final JdbcClient jdbc;

	private final ErasureScrub scrub;

	private final Clock clock;

	RecipientManagement(RecipientRepository recipients, InputRules rules, AuditLog audit, JdbcClient jdbc,
			ErasureScrub scrub, Clock clock) {
		this.recipients = recipients;
		this.rules = rules;
		this.audit = audit;
		this.jdbc = jdbc;
		this.scrub = scrub;
		this.clock = clock;
	}

	/**
	 * Creates or replaces the profile of {@code externalId}.
	 * @throws InvalidInputException for a bad field
	 */
	@Transactional
	public Upserted upsert(TenantScope scope, String externalId, RecipientProfile request) {
		checkExternalId(externalId);
		this.rules.check(request);
		String timeZone = timeZone(request.timeZone());
		RecipientProfile.OptOut optOut = request.optOut();
		List<String> channels = new ArrayList<>();
		if (optOut != null && optOut.channels() != null) {
			for (int i = 0; i < optOut.channels().size(); i++) {
				String name = Channel.parse("optOut.channels[" + i + "]", optOut.channels().get(i)).name();
				if (!channels.contains(name)) {
					channels.add(name);
				}
			}
		}
		Recipient recipient = this.recipients.findByTenantIdAndExternalId(scope.tenantId(), externalId).orElse(null);
		boolean created = recipient == null;
		if (created) {
			recipient = new Recipient(scope.tenantId(), externalId, this.clock.instant());
		}
		recipient.update(blankToNull(request.email()), blankToNull(request.phone()), distinct(request.pushTokens()),
				blankToNull(request.locale()), timeZone, channels,
				distinct((optOut != null) ? optOut.eventTypes() : null), this.clock.instant());
		recipient = this.recipients.saveAndFlush(recipient);
		this.audit.append(scope.actor(), scope.tenantId(), created ? "recipient.created" : "recipient.updated",
				"recipient", externalId, Map.of());
		return new Upserted(RecipientView.of(recipient), created);
	}

	/**
	 * @throws NotFoundException when the tenant has no profile of that id
	 */
	@Transactional(readOnly = true)
	public RecipientView get(TenantScope scope, String externalId) {
		return this.recipients.findByTenantIdAndExternalId(scope.tenantId(), externalId)
			.map(RecipientView::of)
			.orElseThrow(() -> new NotFoundException("Recipient"));
	}

	/** A page of the tenant's recipients, by external id. */
	@Transactional(readOnly = true)
	public Page<RecipientView> page(TenantScope scope, PageQuery query) {
		return Page
			.of(this.recipients.pageByExternalId(scope.tenantId(), query.afterText(LIST), query.fetchSize()), query,
					(recipient) -> PageCursor.of(LIST, recipient.getExternalId()))
			.map(RecipientView::of);
	}

	/**
	 * Erases a recipient; idempotent, so that an erasure request can be repeated safely.
	 */
	@Transactional
	public void erase(TenantScope scope, String externalId) {
		Recipient profile = this.recipients.findByTenantIdAndExternalId(scope.tenantId(), externalId).orElse(null);
		// the id itself, and the addresses a subscription may have taken straight from
		// event data
		List<String> addresses = new ArrayList<>(List.of(externalId));
		if (profile != null) {
			addIfPresent(addresses, profile.getEmail());
			addIfPresent(addresses, profile.getPhone());
			profile.pushTokens().forEach((token) -> addIfPresent(addresses, token));
			this.recipients.delete(profile);
			this.recipients.flush();
		}
		// what to scrub from texts: the profile's addresses and the ones its
		// notifications
		// were sent to (a subscription may take them from event data), not the id, which
		// history keeps, nor a webhook's endpoint, which is the tenant's
		Set<String> scrubbed = new LinkedHashSet<>(addresses.subList(1, addresses.size()));
		scrubbed.addAll(this.jdbc.sql("""
				select distinct address from notification
				where tenant_id = :tenant and recipient = :id and channel <> 'WEBHOOK' and address is not null
				""").param("tenant", scope.tenantId()).param("id", externalId).query(String.class).list());
		ErasureScrub.Scrubbed texts = this.scrub.scrub(scope.tenantId(), scrubbed);
		int sandbox = this.jdbc.sql("""
				update sandbox_message s set recipient = :id, subject = null, body = null
				from notification n
				where n.id = s.notification_id and s.tenant_id = :tenant and n.tenant_id = :tenant
				  and (n.recipient = :id or s.recipient in (:addresses) or n.address in (:addresses))
				""").param("tenant", scope.tenantId()).param("id", externalId).param("addresses", addresses).update();
		int notifications = this.jdbc.sql("""
				update notification set address = null, subject = null, body = null, updated_at = :now,
				  status = case when status in ('PENDING', 'RETRYING') then 'SUPPRESSED' else status end,
				  status_reason = case when status in ('PENDING', 'RETRYING') then 'recipient erased'
				    else status_reason end
				where tenant_id = :tenant and (recipient = :id or address in (:addresses))
				""")
			.param("tenant", scope.tenantId())
			.param("id", externalId)
			.param("addresses", addresses)
			.param("now", Timestamp.from(this.clock.instant()))
			.update();
		this.audit.append(scope.actor(), scope.tenantId(), "recipient.erased", "recipient", externalId,
				Map.of("profile", profile != null, "notificationsScrubbed", notifications, "sandboxMessagesScrubbed",
						sandbox, "attemptErrorsScrubbed", texts.attempts(), "statusReasonsScrubbed",
						texts.statusReasons(), "auditEntriesScrubbed", texts.auditEntries()));
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
			throw InvalidInputException.of("timeZone", "must be an IANA time zone such as Europe/Berlin");
		}
	}

	private static void checkExternalId(String externalId) {
		if (externalId == null || !EXTERNAL_ID.matcher(externalId).matches()) {
			throw InvalidInputException.of("externalId", "must be 1 to 200 characters without commas or spaces");
		}
	}

	private static List<String> distinct(List<String> values) {
		return (values != null) ? values.stream().map(String::trim).distinct().toList() : List.of();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
