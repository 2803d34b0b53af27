package io.herald.core.audit;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends to the audit log inside the caller's transaction, so that an action and its
 * record commit or roll back together.
 */
@Service
public class AuditLog {

	private final AuditEntryRepository entries;

	private final JsonMapper json;

	private final Clock clock;

	AuditLog(AuditEntryRepository entries, JsonMapper json, Clock clock) {
		this.entries = entries;
		this.json = json;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void append(Actor actor, UUID tenantId, String action, String entityType, String entityId,
			Map<String, ?> details) {
		String detailsJson = (details == null || details.isEmpty()) ? null : this.json.writeValueAsString(details);
		this.entries
			.save(new AuditEntry(tenantId, actor, action, entityType, entityId, detailsJson, this.clock.instant()));
	}

}
