package io.herald.core.support;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a list of short strings (push tokens, opt-outs) in one text column, comma
 * separated. The items never hold commas: the input rules of the lists refuse them. An
 * empty list is stored as null and read back as an empty list.
 */
@Converter
public class StringListConverter implements AttributeConverter<List<String>, String> {

	@Override
	public String convertToDatabaseColumn(List<String> values) {
		if (values == null || values.isEmpty()) {
			return null;
		}
		return String.join(",", values);
	}

	@Override
	public List<String> convertToEntityAttribute(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		return Arrays.stream(text.split(",")).map(String::trim).filter((value) -> !value.isEmpty()).toList();
	}

}
