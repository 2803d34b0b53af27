package io.herald.core.replay;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.herald.core.channel.Channel;
import io.herald.core.error.InvalidInputException;

/**
 * The notifications a filter selects, as a SQL condition on {@code notification n} with
 * its parameters; shared by the dry run and the worker's fixing of a job's rows, so both
 * see the same set.
 *
 * @param where the condition (without {@code WHERE})
 * @param params its named parameters
 */
record ReplaySelection(String where, Map<String, Object> params) {

	private static final List<String> REPLAYABLE = List.of("DEAD", "FAILED");

	/**
	 * @param tenantId null: all tenants
	 * @throws InvalidInputException for a status that cannot be replayed, an unknown
	 * channel or an empty time range
	 */
	static ReplaySelection of(UUID tenantId, ReplayFilter filter) {
		ReplayFilter f = (filter != null) ? filter : ReplayFilter.ALL;
		StringBuilder where = new StringBuilder("n.status IN (:statuses)");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("statuses", statuses(f.status()));
		if (tenantId != null) {
			where.append(" AND n.tenant_id = :tenantId");
			params.put("tenantId", tenantId);
		}
		if (f.channel() != null && !f.channel().isBlank()) {
			where.append(" AND n.channel = :channel");
			params.put("channel", Channel.parse("filter.channel", f.channel()).name());
		}
		if (f.eventType() != null && !f.eventType().isBlank()) {
			where.append(" AND n.event_type = :eventType");
			params.put("eventType", f.eventType().trim());
		}
		if (f.subscriptionId() != null) {
			where.append(" AND n.subscription_id = :subscriptionId");
			params.put("subscriptionId", f.subscriptionId());
		}
		if (f.errorContains() != null && !f.errorContains().isEmpty()) {
			where.append(" AND strpos(n.status_reason, :errorContains) > 0");
			params.put("errorContains", f.errorContains());
		}
		if (f.from() != null) {
			where.append(" AND n.created_at >= :from");
			params.put("from", OffsetDateTime.ofInstant(f.from(), ZoneOffset.UTC));
		}
		if (f.to() != null) {
			where.append(" AND n.created_at < :to");
			params.put("to", OffsetDateTime.ofInstant(f.to(), ZoneOffset.UTC));
		}
		if (f.from() != null && f.to() != null && !f.from().isBefore(f.to())) {
			throw InvalidInputException.of("filter.to", "must be after filter.from");
		}
		if (f.eventIds() != null && !f.eventIds().isEmpty()) {
			throw InvalidInputException.of("filter.eventIds", "applies to EVENTS backfills only");
		}
		return new ReplaySelection(where.toString(), params);
	}

	private static List<String> statuses(List<String> statuses) {
		if (statuses == null || statuses.isEmpty()) {
			return REPLAYABLE;
		}
		List<String> wanted = statuses.stream()
			.map((status) -> (status != null) ? status.trim().toUpperCase(Locale.ROOT) : "")
			.distinct()
			.toList();
		if (!REPLAYABLE.containsAll(wanted)) {
			throw InvalidInputException.of("filter.status", "must be DEAD and/or FAILED");
		}
		return wanted;
	}

}
