package io.herald.core.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Escapes every string leaf of a template context for HTML.
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
			map.forEach((key, item) -> escaped.put(String.valueOf(key), escape(item)));
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
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

}
