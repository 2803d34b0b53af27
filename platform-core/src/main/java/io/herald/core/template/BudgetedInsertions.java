package io.herald.core.template;

import java.util.List;

import liqp.Insertion;
import liqp.Insertions;
import liqp.TemplateContext;
import liqp.blocks.Block;
import liqp.filters.Filter;
import liqp.filters.Filters;
import liqp.nodes.LNode;
import liqp.tags.Tag;

/**
 * liqp's tags, blocks and filters, each wrapped so that using it is a step of the
 * {@link RenderBudget}: the budget is checked often enough that no render can run long
 * between two checks.
 */
final class BudgetedInsertions {

	private BudgetedInsertions() {
	}

	static List<Filter> filters(Filters filters) {
		return filters.values().stream().<Filter>map(BudgetedFilter::new).toList();
	}

	static List<Insertion> insertions(Insertions insertions) {
		return insertions.values().stream().map(BudgetedInsertions::budgeted).toList();
	}

	private static Insertion budgeted(Insertion insertion) {
		if (insertion instanceof Block) {
			return new Block(insertion.name) {
				@Override
				public Object render(TemplateContext context, LNode... nodes) {
					RenderBudget.current().step();
					return insertion.render(context, nodes);
				}
			};
		}
		if (insertion instanceof Tag) {
			return new Tag(insertion.name) {
				@Override
				public Object render(TemplateContext context, LNode... nodes) {
					RenderBudget.current().step();
					return insertion.render(context, nodes);
				}
			};
		}
		return insertion;
	}

}
