package io.herald.core.channel;

import java.time.Instant;
import java.util.Map;

/**
 * A tenant's provider settings for one channel as callers see them.
 *
 * @param settings the provider's fields, secrets masked
 */
public record ChannelSettingsView(Channel channel, String provider, Map<String, Object> settings, Instant updatedAt) {

}
