package io.herald.core.audit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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

	/** Fields a change record does not compare: they change with every update. */
	static final Set<String> UNCOMPARED = Set.of("createdAt", "updatedAt");

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

	/**
	 * Appends a configuration change: {@code identity} names the entity (e.g. its name),
	 * {@code before} and {@code after} hold only the fields that changed, compared as
	 * JSON, so that readers see what a change did without a diff of their own. Fields
	 * named in {@link #UNCOMPARED} (timestamps) are left out. Nothing is appended when
	 * nothing changed; a null {@code before} (a creation) is recorded as null. Callers
	 * pass views that hold no secrets.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void appendChange(Actor actor, UUID tenantId, String action, String entityType, String entityId,
			Map<String, ?> identity, Object before, Object after) {
		Map<String, Object> was = fields(before);
		Map<String, Object> is = fields(after);
		Map<String, Object> changedBefore = new LinkedHashMap<>();
		Map<String, Object> changedAfter = new LinkedHashMap<>();
		Set<String> names = new LinkedHashSet<>(was.keySet());
		names.addAll(is.keySet());
		for (String name : names) {
			if (!UNCOMPARED.contains(name) && !Objects.equals(was.get(name), is.get(name))) {
				changedBefore.put(name, was.get(name));
				changedAfter.put(name, is.get(name));
			}
		}
		if (changedAfter.isEmpty()) {
			return;
		}
		Map<String, Object> details = new LinkedHashMap<>(identity);
		// a creation has no before
		details.put("before", (before != null) ? changedBefore : null);
		details.put("after", changedAfter);
		append(actor, tenantId, action, entityType, entityId, details);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> fields(Object view) {
		if (view == null) {
			return Map.of();
		}
		Map<String, Object> fields = (view instanceof Map<?, ?> map) ? (Map<String, Object>) map
				: this.json.convertValue(view, Map.class);
		return (fields != null) ? fields : Map.of();
	}

}
