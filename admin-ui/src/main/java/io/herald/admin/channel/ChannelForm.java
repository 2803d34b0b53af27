package io.herald.admin.channel;

import java.util.Map;

import jakarta.validation.constraints.Size;

/**
 * The channel settings form as typed, for any provider; only the chosen provider's fields
 * are sent to core. Secrets (SMTP password, ACS connection string, FCM service account)
 * are write-only: the form never shows them, and left empty they keep the stored one.
 */
record ChannelForm(@Size(max = 16) String provider, @Size(max = 253, message = "At most 253 characters.") String host,
		@Size(max = 5, message = "A port number (1-65535).") String port,
		@Size(max = 320, message = "At most 320 characters.") String username,
		@Size(max = 1024, message = "At most 1024 characters.") String password,
		@Size(max = 400, message = "At most 400 characters.") String from, Boolean startTls,
		@Size(max = 2048, message = "At most 2048 characters.") String connectionString,
		@Size(max = 320, message = "At most 320 characters.") String sender,
		@Size(max = 16384, message = "At most 16 KB.") String serviceAccountJson) {

	/**
	 * The form for a provider, filled with the non-secret fields of its stored settings.
	 */
	static ChannelForm of(String provider, Map<String, Object> masked) {
		return new ChannelForm(provider, text(masked, "host"), text(masked, "port"), text(masked, "username"), "",
				text(masked, "from"), Boolean.TRUE.equals(masked.get("startTls")), "", text(masked, "sender"), "");
	}

	private static String text(Map<String, Object> masked, String field) {
		Object value = masked.get(field);
		return (value != null) ? value.toString() : "";
	}

}
