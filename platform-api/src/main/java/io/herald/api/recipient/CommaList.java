package io.herald.api.recipient;

import java.util.Arrays;
import java.util.List;

/**
 * The recipient table keeps its lists as comma-separated text.
 */
final class CommaList {

	private CommaList() {
	}

	static String join(List<String> values) {
		if (values == null || values.isEmpty()) {
			return null;
		}
		return String.join(",", values.stream().map(String::trim).distinct().toList());
	}

	static List<String> split(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		return Arrays.stream(text.split(",")).map(String::trim).filter((value) -> !value.isEmpty()).toList();
	}

}
