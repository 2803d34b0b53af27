package io.herald.core.template;

import liqp.RenderTransformer;
import liqp.TemplateContext;

/**
 * Builds block output (a template, a loop body, a {@code capture}, a {@code join}) while
 * checking its length at every append, not only at the end as liqp's default does, and
 * counting every appended character against the {@link RenderBudget}.
 */
final class BudgetedRenderTransformer implements RenderTransformer {

	static final BudgetedRenderTransformer INSTANCE = new BudgetedRenderTransformer();

	private BudgetedRenderTransformer() {
	}

	@Override
	public ObjectAppender.Controller newObjectAppender(TemplateContext context, int estimatedNumberOfAppends) {
		RenderBudget budget = RenderBudget.current();
		budget.step();
		StringBuilder result = new StringBuilder();
		return new ObjectAppender.Controller() {

			@Override
			public void append(Object value) {
				String text = String.valueOf(value);
				budget.step();
				if (result.length() + (long) text.length() > budget.maxOutputChars()) {
					throw new TemplateLimitException(
							"render stopped: output grew over " + budget.maxOutputChars() + " characters");
				}
				budget.produced(text.length());
				result.append(text);
			}

			@Override
			public Object getResult() {
				return result.toString();
			}

		};
	}

	@Override
	public Object transformObject(TemplateContext context, Object value) {
		return String.valueOf(value);
	}

}
