package io.herald.core.replay;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.herald.core.error.InvalidInputException;

/**
 * The stored events an {@code EVENTS} backfill filter selects, as a SQL condition on
 * {@code event e} with its parameters; shared by the dry run and the worker's fixing of a
 * job's events, so both see the same set. A {@code subscriptionId} selects the events of
 * that subscription's type (and tenant).
 *
 * @param where the condition (without {@code WHERE})
 * @param params its named parameters
 */
record EventSelection(String where, Map<String, Object> params) {

	/**
	 * @param tenantId null: all tenants
	 * @throws InvalidInputException for a field that does not apply to events or an empty
	 * time range
	 */
	static EventSelection of(UUID tenantId, ReplayFilter filter) {
		ReplayFilter f = (filter != null) ? filter : ReplayFilter.ALL;
		notApplicable("filter.status", f.status() != null && !f.status().isEmpty());
		notApplicable("filter.channel", f.channel() != null && !f.channel().isBlank());
		notApplicable("filter.errorContains", f.errorContains() != null && !f.errorContains().isEmpty());
		StringBuilder where = new StringBuilder("true");
		Map<String, Object> params = new LinkedHashMap<>();
		if (tenantId != null) {
			where.append(" AND e.tenant_id = :tenantId");
			params.put("tenantId", tenantId);
		}
		if (f.eventType() != null && !f.eventType().isBlank()) {
			where.append(" AND e.type = :eventType");
			params.put("eventType", f.eventType().trim());
		}
		if (f.subscriptionId() != null) {
			where.append(" AND EXISTS (SELECT 1 FROM subscription s JOIN event_type t ON t.id = s.event_type_id"
					+ " WHERE s.id = :subscriptionId AND s.tenant_id = e.tenant_id AND t.name = e.type)");
			params.put("subscriptionId", f.subscriptionId());
		}
		if (f.eventIds() != null && !f.eventIds().isEmpty()) {
			List<String> ids = f.eventIds().stream().filter(Objects::nonNull).distinct().toList();
			if (ids.isEmpty()) {
				throw InvalidInputException.of("filter.eventIds", "must name at least one event id");
			}
			where.append(" AND e.event_id IN (:eventIds)");
			params.put("eventIds", ids);
		}
		if (f.from() != null) {
			where.append(" AND e.received_at >= :from");
			params.put("from", OffsetDateTime.ofInstant(f.from(), ZoneOffset.UTC));
		}
		if (f.to() != null) {
			where.append(" AND e.received_at < :to");
			params.put("to", OffsetDateTime.ofInstant(f.to(), ZoneOffset.UTC));
		}
		if (f.from() != null && f.to() != null && !f.from().isBefore(f.to())) {
			throw InvalidInputException.of("filter.to", "must be after filter.from");
		}
		return new EventSelection(where.toString(), params);
	}

	private static void notApplicable(String field, boolean given) {
		if (given) {
			throw InvalidInputException.of(field, "does not apply to EVENTS backfills");
		}
	}

}
