package io.herald.core.subscription;

import jakarta.validation.constraints.Size;

/**
 * Changes a subscription; a field left out keeps its value. {@code "filter": ""} removes
 * the filter. Event type and channel cannot change: create another subscription.
 */
public record SubscriptionUpdate(@Size(max = 200) String template, @Size(max = 2000) String endpoint, Boolean enabled,
		@Size(max = 500) String recipient, @Size(max = 4096) String filter) {

}
