package io.herald.core.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Escapes every string of a template context for HTML: values, and map keys too, since a
 * template can print them ({@code {% for pair in data %}{{ pair[0] }}{% endfor %}}).
 */
final class HtmlEscaping {

	private HtmlEscaping() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> escapeStrings(Map<String, Object> context) {
		return (Map<String, Object>) escape(context);
	}

	private static Object escape(Object value) {
		if (value instanceof String text) {
			return escape(text);
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> escaped = new LinkedHashMap<>();
			map.forEach((key, item) -> escaped.put(escape(String.valueOf(key)), escape(item)));
			return escaped;
		}
		if (value instanceof List<?> list) {
			List<Object> escaped = new ArrayList<>(list.size());
			list.forEach((item) -> escaped.add(escape(item)));
			return escaped;
		}
		return value;
	}

	static String escape(String text) {
		return escape(text, false);
	}

	/**
	 * Escapes like {@link #escape(String)} but leaves character references
	 * ({@code &amp;}, {@code &#60;}) as they are, so text that was escaped before is not
	 * escaped twice.
	 */
	static String escapeOnce(String text) {
		return escape(text, true);
	}

	private static String escape(String text, boolean keepReferences) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append((keepReferences && isReference(text, i)) ? "&" : "&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * Whether a character reference ({@code &name;}, {@code &#123;}, {@code &#x1F;})
	 * starts at {@code at}.
	 */
	private static boolean isReference(String text, int at) {
		int i = at + 1;
		boolean numeric = i < text.length() && text.charAt(i) == '#';
		boolean hex = false;
		if (numeric) {
			i++;
			hex = i < text.length() && (text.charAt(i) == 'x' || text.charAt(i) == 'X');
			if (hex) {
				i++;
			}
		}
		int start = i;
		while (i < text.length() && i - start <= 32 && isReferenceChar(text.charAt(i), numeric, hex)) {
			i++;
		}
		return i > start && i < text.length() && text.charAt(i) == ';';
	}

	private static boolean isReferenceChar(char c, boolean numeric, boolean hex) {
		if (numeric) {
			return (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
		}
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}

}
