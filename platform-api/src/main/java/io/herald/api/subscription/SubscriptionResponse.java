package io.herald.api.subscription;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.herald.core.channel.Channel;

/**
 * A subscription as the API shows it. {@code signingSecret} appears only in the answer to
 * its creation.
 */
record SubscriptionResponse(UUID id, String eventType, String template, Channel channel, String endpoint,
		String recipient, String filter, boolean enabled, Instant createdAt, Instant updatedAt,
		@JsonInclude(JsonInclude.Include.NON_NULL) String signingSecret) {

}
