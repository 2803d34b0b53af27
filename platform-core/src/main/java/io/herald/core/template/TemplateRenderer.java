package io.herald.core.template;

import java.time.Duration;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

import liqp.Insertion;
import liqp.TemplateParser;
import liqp.blocks.Block;
import liqp.exceptions.ExceededMaxIterationsException;
import liqp.tags.Tag;

/**
 * Renders tenant-authored Liquid safely: no includes, and every render is budgeted by the
 * work it does ({@link RenderLimits}: iterations, steps, output, value and total sizes),
 * checked at every tag, block, filter call and append, so a runaway template stops on its
 * own thread within milliseconds and holds little memory. A generous wall-clock safety
 * net remains; running past it raises the retryable {@link TemplateTimeoutException}.
 * Renders run on the calling thread. Parsed templates are cached by source text, which is
 * immutable per template version; a parsed liqp template holds the context of its current
 * render in a field (liqp issue #287), so each cached instance serves one render at a
 * time: a render borrows a copy from its source's pool, or parses one, and gives it back
 * after.
 */
public class TemplateRenderer {

	private static final int CACHE_SIZE = 2_000;

	private static final Duration SAFETY_NET = Duration.ofSeconds(10);

	private static final Map<String, Object> EMPTY_CONTEXT = Map.of();

	private final RenderLimits limits;

	private final long safetyNetNanos;

	private final TemplateParser parser;

	/** Parsed copies kept per source: about the number of threads that render at once. */
	private static final int COPIES_PER_SOURCE = 16;

	/** Idle parsed copies by source text, least recently used source evicted first. */
	private final Map<String, Deque<liqp.Template>> cache = new LinkedHashMap<>(256, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Deque<liqp.Template>> eldest) {
			return size() > CACHE_SIZE;
		}
	};

	public TemplateRenderer() {
		this(RenderLimits.DEFAULTS, SAFETY_NET);
	}

	TemplateRenderer(RenderLimits limits, Duration safetyNet) {
		this.limits = limits;
		this.safetyNetNanos = safetyNet.toNanos();
		this.parser = parser(limits);
	}

	private static TemplateParser parser(RenderLimits limits) {
		TemplateParser standard = new TemplateParser.Builder().build();
		TemplateParser.Builder builder = new TemplateParser.Builder().withStrictVariables(false)
			.withMaxIterations(limits.maxIterations())
			.withMaxSizeRenderedString(limits.maxOutputChars())
			.withMaxTemplateSizeBytes(limits.maxTemplateChars())
			.withErrorMode(TemplateParser.ErrorMode.STRICT)
			.withRenderTransformer(BudgetedRenderTransformer.INSTANCE)
			.withNameResolver((name) -> {
				throw new TemplateException("includes are not allowed: " + name);
			});
		BudgetedInsertions.filters(standard.filters).forEach(builder::withFilter);
		for (Insertion insertion : BudgetedInsertions.insertions(standard.insertions)) {
			if (insertion instanceof Block block) {
				builder.withBlock(block);
			}
			else if (insertion instanceof Tag tag) {
				builder.withTag(tag);
			}
		}
		return builder.build();
	}

	/**
	 * Parses a template so that a broken one is refused when saved, not when sent, and
	 * renders it once without data: a template that exceeds its {@link RenderLimits} even
	 * then (a memory bomb that needs no data) is refused too.
	 */
	public void check(String source) {
		if (source == null || source.isEmpty()) {
			return;
		}
		liqp.Template template = borrow(source);
		try {
			RenderBudget.during(this.limits, false, this.safetyNetNanos, () -> template.render(EMPTY_CONTEXT));
			giveBack(source, template);
		}
		catch (RuntimeException ex) {
			if (failure(ex) instanceof TemplateLimitException exceeded) {
				throw exceeded;
			}
			// other failures depend on the data (a division by a missing number): fine
			// here
		}
		catch (StackOverflowError ex) {
			throw tooDeep();
		}
	}

	public String render(String source, Map<String, Object> context) {
		return render(source, context, false);
	}

	/**
	 * Renders {@code source}; with {@code escapeHtml} every string value of the context
	 * is HTML-escaped first, so that variables cannot inject markup into an HTML e-mail
	 * while the template's own markup stays as written.
	 * @throws TemplateException when the template cannot render or exceeds its limits
	 * @throws TemplateTimeoutException when the render ran out of wall-clock time: retry
	 */
	public String render(String source, Map<String, Object> context, boolean escapeHtml) {
		if (source == null || source.isEmpty()) {
			return source;
		}
		liqp.Template template = borrow(source);
		String rendered = render(template, context, escapeHtml);
		giveBack(source, template);
		return rendered;
	}

	/**
	 * Renders text that is not a stored version, such as an editor's preview as it is
	 * typed: like {@link #render(String, Map, boolean)}, but the parsed text is not
	 * cached, so that every keystroke of every editor does not take a cache entry.
	 */
	public String renderDraft(String source, Map<String, Object> context, boolean escapeHtml) {
		if (source == null || source.isEmpty()) {
			return source;
		}
		return render(parseUncached(source), context, escapeHtml);
	}

	private String render(liqp.Template template, Map<String, Object> context, boolean escapeHtml) {
		Map<String, Object> variables = escapeHtml ? HtmlEscaping.escapeStrings(context) : context;
		try {
			return RenderBudget.during(this.limits, escapeHtml, this.safetyNetNanos, () -> template.render(variables));
		}
		catch (RuntimeException ex) {
			throw failure(ex);
		}
		catch (StackOverflowError ex) {
			throw tooDeep();
		}
	}

	/**
	 * A parsed copy of {@code source} that no other render uses until it is given back:
	 * an idle cached one, or a fresh parse.
	 */
	private liqp.Template borrow(String source) {
		Deque<liqp.Template> idle;
		synchronized (this.cache) {
			idle = this.cache.get(source);
		}
		liqp.Template template = (idle != null) ? idle.pollFirst() : null;
		return (template != null) ? template : parseUncached(source);
	}

	/**
	 * Keeps a copy whose render has ended for the next render of the same source. A
	 * render that threw does not give its copy back: it is simply dropped.
	 */
	private void giveBack(String source, liqp.Template template) {
		Deque<liqp.Template> idle;
		synchronized (this.cache) {
			idle = this.cache.computeIfAbsent(source, (key) -> new ConcurrentLinkedDeque<>());
		}
		if (idle.size() < COPIES_PER_SOURCE) {
			idle.offerFirst(template);
		}
	}

	private liqp.Template parseUncached(String source) {
		if (source.length() > this.limits.maxTemplateChars()) {
			throw new TemplateLimitException(
					"template is longer than " + this.limits.maxTemplateChars() + " characters");
		}
		try {
			return this.parser.parse(source);
		}
		catch (RuntimeException ex) {
			throw new TemplateException("invalid Liquid: " + message(ex));
		}
		catch (StackOverflowError ex) {
			throw tooDeep();
		}
	}

	/** liqp wraps what a filter or tag throws: find ours in the chain. */
	private RuntimeException failure(RuntimeException ex) {
		TemplateTimeoutException timeout = cause(ex, TemplateTimeoutException.class);
		if (timeout != null) {
			return timeout;
		}
		TemplateException template = cause(ex, TemplateException.class);
		if (template != null) {
			return template;
		}
		if (cause(ex, ExceededMaxIterationsException.class) != null) {
			return new TemplateLimitException(
					"render stopped after " + this.limits.maxIterations() + " loop iterations");
		}
		return new TemplateException("render failed: " + message(ex));
	}

	private static TemplateLimitException tooDeep() {
		return new TemplateLimitException("the template nests too deeply");
	}

	private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private static String message(RuntimeException ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

}
