package io.herald.worker.channel;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLException;

/**
 * The one place that shapes provider error text before it reaches a tenant (the attempt's
 * error, the notification's status reason, the audit entry). Such text is one short line,
 * and a transport failure is named by its kind only: exception messages carry resolved
 * addresses, internal host names, proxy details and whatever a remote server chose to
 * send (a banner read through a refused protocol), none of which a tenant should see.
 */
final class ProviderErrors {

	/** Longest error text kept; longer text is cut and ends with an ellipsis. */
	static final int MAX_LENGTH = 300;

	private ProviderErrors() {
	}

	/** One line of printable text, at most {@link #MAX_LENGTH} characters. */
	static String clean(String text) {
		if (text == null) {
			return null;
		}
		StringBuilder line = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 1));
		boolean space = false;
		for (int i = 0; i < text.length() && line.length() <= MAX_LENGTH; i++) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
				space = !line.isEmpty();
				continue;
			}
			if (space) {
				line.append(' ');
				space = false;
			}
			line.append(c);
		}
		return (line.length() > MAX_LENGTH) ? line.substring(0, MAX_LENGTH - 1) + "…" : line.toString();
	}

	/**
	 * What kind of transport failure this was, without its message: the deepest cause
	 * that names one (wrappers such as "could not connect" hide a timeout below them).
	 */
	static String transportFailure(Throwable failure) {
		String found = "connection failed";
		int depth = 0;
		for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
			String kind = kind(cause);
			if (kind != null) {
				found = kind;
			}
		}
		return found;
	}

	private static String kind(Throwable cause) {
		if (cause instanceof PublicAddressDnsResolver.BlockedAddressException) {
			return "target address is not allowed";
		}
		if (cause instanceof UnknownHostException) {
			return "unknown host";
		}
		if (cause instanceof ConnectException) {
			return "connection refused";
		}
		if (cause instanceof NoRouteToHostException) {
			return "no route to host";
		}
		if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
			return "timed out";
		}
		if (cause instanceof SSLException) {
			return "TLS handshake or session failed";
		}
		if (cause instanceof ResponseTooLargeException) {
			return "the server's answer was too long";
		}
		if (cause instanceof SocketException) {
			return "connection closed by the server";
		}
		return null;
	}

}
