package io.herald.core.template;

import liqp.TemplateContext;
import liqp.filters.Filter;

/**
 * Wraps one of liqp's filters so that every call is a step of the {@link RenderBudget}
 * and every result is measured against it. {@code replace} is checked before it runs,
 * since it is the one filter whose result can be many times the size of its inputs
 * ({@code "aaaa" | replace: "a", big}). In an HTML render {@code url_decode} output is
 * escaped again: decoding must not turn escaped data back into markup.
 */
final class BudgetedFilter extends Filter {

	private final Filter delegate;

	BudgetedFilter(Filter delegate) {
		super(delegate.name);
		this.delegate = delegate;
	}

	@Override
	public Object apply(Object value, TemplateContext context, Object... params) {
		RenderBudget budget = RenderBudget.current();
		budget.step();
		if ("replace".equals(this.name) && params.length >= 2 && params[0] != null && params[1] != null) {
			checkReplacement(budget, asString(value, context), asString(params[0], context),
					asString(params[1], context));
		}
		Object result = this.delegate.apply(value, context, params);
		if ("url_decode".equals(this.name) && budget.html() && result instanceof String decoded) {
			result = HtmlEscaping.escapeOnce(decoded);
		}
		budget.producedValue(result);
		return result;
	}

	private static void checkReplacement(RenderBudget budget, String original, String needle, String replacement) {
		long occurrences = occurrences(original, needle);
		long length = original.length() + occurrences * (replacement.length() - needle.length());
		if (length > budget.maxOutputChars() && length > original.length()) {
			throw new TemplateLimitException("render stopped: replace would grow a value to " + length + " characters");
		}
	}

	/**
	 * As Java's {@code String.replace} counts them: an empty needle matches n + 1 times.
	 */
	private static long occurrences(String text, String needle) {
		if (needle.isEmpty()) {
			return text.length() + 1L;
		}
		long count = 0;
		for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
			count++;
		}
		return count;
	}

}
