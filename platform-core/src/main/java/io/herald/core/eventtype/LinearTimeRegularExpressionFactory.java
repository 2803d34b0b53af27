package io.herald.core.eventtype;

import com.google.re2j.Pattern;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import io.herald.core.support.SafeRegex;

/**
 * Gives the JSON Schema validator {@link SafeRegex} patterns for {@code pattern},
 * {@code patternProperties} and {@code format: regex}, instead of
 * {@code java.util.regex}, which backtracks. JSON Schema patterns are unanchored, hence
 * {@code find}.
 */
final class LinearTimeRegularExpressionFactory implements RegularExpressionFactory {

	static final LinearTimeRegularExpressionFactory INSTANCE = new LinearTimeRegularExpressionFactory();

	private LinearTimeRegularExpressionFactory() {
	}

	@Override
	public RegularExpression getRegularExpression(String regex) {
		Pattern pattern = SafeRegex.compile(regex);
		return (input) -> pattern.matcher(input).find();
	}

}
