package io.herald.core.replay;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Size;

/**
 * Which notifications a replay covers. Every field narrows; none given means all
 * {@code DEAD} and {@code FAILED} notifications of the tenant (or of all tenants, for an
 * operator).
 *
 * @param status {@code DEAD} and/or {@code FAILED} (default both)
 * @param channel e.g. {@code WEBHOOK}
 * @param eventType the event type name
 * @param subscriptionId one subscription
 * @param errorContains text the status reason contains (case-sensitive)
 * @param from created at or after
 * @param to created before
 */
public record ReplayFilter(@Size(max = 2) List<String> status, @Size(max = 16) String channel,
		@Size(max = 200) String eventType, UUID subscriptionId, @Size(max = 200) String errorContains, Instant from,
		Instant to) {

	public static final ReplayFilter ALL = new ReplayFilter(null, null, null, null, null, null, null);

}
