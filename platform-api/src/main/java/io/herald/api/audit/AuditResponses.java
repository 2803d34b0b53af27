package io.herald.api.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.herald.api.web.ProblemException;
import io.herald.core.audit.AuditSearch;
import io.herald.core.audit.AuditSearch.AuditPage;
import io.herald.core.audit.AuditSearch.AuditQuery;
import io.herald.core.audit.AuditSearch.AuditRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log as the API shows it, shared by the tenant and the operator endpoints.
 */
final class AuditResponses {

	static final int DEFAULT_LIMIT = 50;

	private AuditResponses() {
	}

	static AuditPage search(AuditSearch search, Optional<UUID> tenantId, AuditQuery query, String cursor, int limit) {
		try {
			return search.search(tenantId, query, cursor, limit);
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalid("cursor", "is not a cursor of this list: start again without one");
		}
	}

	/**
	 * @param slugs the tenants' slugs by id, for operators' answers; null for a tenant's
	 */
	static AuditList list(JsonMapper json, AuditPage page, Map<UUID, String> slugs) {
		return new AuditList(page.items().stream().map((entry) -> item(json, entry, slugs)).toList(),
				page.nextCursor());
	}

	private static AuditItem item(JsonMapper json, AuditRecord entry, Map<UUID, String> slugs) {
		JsonNode details = (entry.details() != null) ? json.readTree(entry.details()) : null;
		String tenant = (slugs != null && entry.tenantId() != null) ? slugs.get(entry.tenantId()) : null;
		return new AuditItem(entry.id(), entry.at(), tenant, new ActorView(entry.actorType(), entry.actor()),
				entry.action(), entry.entityType(), entry.entityId(), details);
	}

	/**
	 * @param type {@code USER} (console or operator), {@code API_KEY} (by its prefix) or
	 * {@code SYSTEM} (Herald itself, e.g. a replay job finishing)
	 */
	record ActorView(String type, String name) {
	}

	/**
	 * @param tenant the tenant's slug, in operators' answers only
	 * @param details what changed: for configuration changes {@code before} and
	 * {@code after} of the changed fields; never secrets
	 */
	record AuditItem(long id, Instant at, String tenant, ActorView actor, String action, String entityType,
			String entityId, JsonNode details) {
	}

	record AuditList(List<AuditItem> items, String nextCursor) {
	}

}
