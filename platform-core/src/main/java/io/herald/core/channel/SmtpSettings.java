package io.herald.core.channel;

import java.util.LinkedHashMap;
import java.util.Map;

import io.herald.core.error.InvalidInputException;

/**
 * EMAIL through an SMTP server.
 *
 * @param host the server's host name or address
 * @param port the port; null for the default (587 with STARTTLS, 25 without)
 * @param username the login, null when the server needs none
 * @param password the password (secret); only with a username
 * @param from the sender, {@code a@example.com} or {@code Name <a@example.com>}
 * @param startTls whether to require STARTTLS
 * @throws InvalidInputException when a field is missing, too long or malformed
 */
public record SmtpSettings(String host, Integer port, String username, String password, String from,
		boolean startTls) implements ProviderSettings {

	public static final int MAX_HOST = 253;

	public static final int MAX_USERNAME = 320;

	public static final int MAX_PASSWORD = 1024;

	public static final int MAX_FROM = 400;

	public SmtpSettings {
		FieldChecks checks = new FieldChecks();
		checks.required("host", host, MAX_HOST);
		if (port != null && (port < 1 || port > 65535)) {
			checks.problem("port", "must be a port number (1-65535)");
		}
		checks.optional("username", username, MAX_USERNAME);
		checks.optional("password", password, MAX_PASSWORD);
		if (checks.required("from", from, MAX_FROM) && !FieldChecks.EMAIL.matcher(address(from)).matches()) {
			checks.problem("from", "must be an e-mail address");
		}
		checks.throwIfAny();
		username = (username == null || username.isBlank()) ? null : username;
		password = (username != null && password == null) ? "" : password;
		password = (username == null) ? null : password;
	}

	/** The port to connect to. */
	public int effectivePort() {
		return (this.port != null) ? this.port : (this.startTls ? 587 : 25);
	}

	public boolean authenticates() {
		return this.username != null;
	}

	/** The address inside {@code Name <address>}, or the whole text. */
	private static String address(String from) {
		int open = from.lastIndexOf('<');
		int close = from.lastIndexOf('>');
		return (open >= 0 && close > open) ? from.substring(open + 1, close) : from;
	}

	@Override
	public Channel channel() {
		return Channel.EMAIL;
	}

	@Override
	public String provider() {
		return "SMTP";
	}

	@Override
	public Map<String, Object> masked() {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("host", this.host);
		if (this.port != null) {
			view.put("port", this.port);
		}
		if (this.username != null) {
			view.put("username", this.username);
			view.put("password", MASK);
		}
		view.put("from", this.from);
		view.put("startTls", this.startTls);
		return view;
	}

	@Override
	public String toString() {
		return "SmtpSettings[host=" + this.host + ", port=" + effectivePort() + ", username=" + this.username
				+ ", from=" + this.from + ", startTls=" + this.startTls + "]";
	}

}
