package io.herald.core.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a tenant-supplied string safe to put in a log line: line breaks and other control
 * characters are escaped ({@code \n}, {@code \u0000}), so a crafted event id, type,
 * subject or error text cannot forge a log line or hide the rest of one, and the length
 * is capped so that one value cannot flood the log. Use it for every tenant string a log
 * statement prints: {@code log.warn("... eventId={}", LogSafe.of(event.id()))}.
 */
public final class LogSafe {

	public static final int MAX_LENGTH = 256;

	private LogSafe() {
	}

	/** What {@link #without} puts in place of a hidden value. */
	public static final String REDACTED = "[redacted]";

	/**
	 * {@link #of(Object)} after replacing each of {@code hidden} (ignoring case, as
	 * providers often echo an address in their own spelling) with {@link #REDACTED}: for
	 * provider and receiver error texts that may quote the recipient's address or token.
	 */
	public static String without(String text, String... hidden) {
		if (text == null) {
			return of(null);
		}
		String redacted = text;
		for (String value : hidden) {
			if (value != null && !value.isBlank()) {
				// a quoted pattern matches in linear time
				redacted = Pattern.compile(Pattern.quote(value), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
					.matcher(redacted)
					.replaceAll(Matcher.quoteReplacement(REDACTED));
			}
		}
		return of(redacted);
	}

	public static String of(Object value) {
		if (value == null) {
			return "null";
		}
		String text = value.toString();
		int length = Math.min(text.length(), MAX_LENGTH);
		StringBuilder safe = null;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			String escaped = escape(c);
			if (escaped != null && safe == null) {
				safe = new StringBuilder(length + 16).append(text, 0, i);
			}
			if (safe != null) {
				safe.append((escaped != null) ? escaped : String.valueOf(c));
			}
		}
		String result = (safe != null) ? safe.toString() : text.substring(0, length);
		return (text.length() > MAX_LENGTH) ? result + "…(" + text.length() + " chars)" : result;
	}

	private static String escape(char c) {
		return switch (c) {
			case '\n' -> "\\n";
			case '\r' -> "\\r";
			case '\t' -> "\\t";
			default -> (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029)
					? String.format("\\u%04x", (int) c) : null;
		};
	}

}
