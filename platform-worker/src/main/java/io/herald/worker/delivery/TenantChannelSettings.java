package io.herald.worker.delivery;

import java.util.Map;

/**
 * A tenant's decrypted provider settings for one channel.
 *
 * @param provider the configured provider ({@code ACS}, {@code SMTP}, {@code FCM}), null
 * when the tenant configured none
 * @param settings the flat settings handed to the provider, empty when none
 */
record TenantChannelSettings(String provider, Map<String, String> settings) {

	static final TenantChannelSettings NONE = new TenantChannelSettings(null, Map.of());

}
