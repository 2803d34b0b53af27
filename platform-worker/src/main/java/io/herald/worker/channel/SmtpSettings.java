package io.herald.worker.channel;

import java.util.Map;

/**
 * A tenant's EMAIL/SMTP settings
 * ({@code host, port, username, password, from, startTls}). Without a port, 587 with
 * STARTTLS and 25 without.
 */
record SmtpSettings(String host, int port, String username, String password, String from, boolean startTls) {

	static SmtpSettings of(Map<String, String> settings) {
		String host = settings.get("host");
		String from = settings.get("from");
		if (host == null || host.isBlank() || from == null || from.isBlank()) {
			throw new IllegalArgumentException("EMAIL/SMTP settings need a host and a from address");
		}
		boolean startTls = Boolean.parseBoolean(settings.get("startTls"));
		String username = settings.get("username");
		return new SmtpSettings(host.trim(), port(settings.get("port"), startTls),
				(username == null || username.isBlank()) ? null : username, settings.get("password"), from, startTls);
	}

	boolean authenticates() {
		return this.username != null;
	}

	private static int port(String value, boolean startTls) {
		if (value == null || value.isBlank()) {
			return startTls ? 587 : 25;
		}
		try {
			int port = Integer.parseInt(value.trim());
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("EMAIL/SMTP port out of range: " + value);
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("EMAIL/SMTP port is not a number: " + value);
		}
	}

	@Override
	public String toString() {
		return "SmtpSettings[host=" + this.host + ", port=" + this.port + ", username=" + this.username + ", from="
				+ this.from + ", startTls=" + this.startTls + "]";
	}

}
