package io.herald.core.subscription;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.herald.core.channel.Channel;

/**
 * A subscription as callers see it. {@code signingSecret} is only present in the answer
 * to a WEBHOOK subscription's creation; it is never shown again.
 */
public record SubscriptionView(UUID id, String eventType, String template, Channel channel, String endpoint,
		String recipient, String filter, boolean enabled, Instant createdAt, Instant updatedAt,
		@JsonInclude(JsonInclude.Include.NON_NULL) String signingSecret) {

}
