package io.herald.core.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The work one render has done, checked against its {@link RenderLimits} at every tag,
 * block, filter call and append. Held in a thread local for the duration of
 * {@link TemplateRenderer#render}, which runs liqp on the calling thread.
 */
final class RenderBudget {

	private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();

	/**
	 * log2(10): bits per decimal digit, to bound a number's digits from its bit length.
	 */
	private static final double BITS_PER_DIGIT = 3.33;

	private final RenderLimits limits;

	private final boolean html;

	private final long deadlineNanos;

	private long steps;

	private long produced;

	private RenderBudget(RenderLimits limits, boolean html, long deadlineNanos) {
		this.limits = limits;
		this.html = html;
		this.deadlineNanos = deadlineNanos;
	}

	static <T> T during(RenderLimits limits, boolean html, long timeoutNanos, Supplier<T> render) {
		RenderBudget previous = CURRENT.get();
		CURRENT.set(new RenderBudget(limits, html, System.nanoTime() + timeoutNanos));
		try {
			return render.get();
		}
		finally {
			CURRENT.set(previous);
		}
	}

	/** The budget of the render on this thread; a fresh default one outside a render. */
	static RenderBudget current() {
		RenderBudget budget = CURRENT.get();
		return (budget != null) ? budget : new RenderBudget(RenderLimits.DEFAULTS, false, Long.MAX_VALUE);
	}

	/** Whether this render writes HTML (variables are escaped). */
	boolean html() {
		return this.html;
	}

	int maxOutputChars() {
		return this.limits.maxOutputChars();
	}

	void step() {
		if (++this.steps > this.limits.maxSteps()) {
			throw new TemplateLimitException("render stopped after " + this.limits.maxSteps() + " steps");
		}
		if (System.nanoTime() - this.deadlineNanos > 0) {
			throw new TemplateTimeoutException("render ran out of time; it will be retried");
		}
	}

	/** Counts {@code chars} characters of block output against the produced total. */
	void produced(long chars) {
		this.produced += chars;
		if (this.produced > this.limits.maxProducedChars()) {
			throw new TemplateLimitException(
					"render stopped: it produced more than " + this.limits.maxProducedChars() + " characters in all");
		}
	}

	/** Checks one value a filter produced and counts it against the produced total. */
	void producedValue(Object value) {
		long size = size(value, this.limits.maxValueChars());
		if (size > this.limits.maxValueChars()) {
			throw new TemplateLimitException(
					"render stopped: a value grew over " + this.limits.maxValueChars() + " characters");
		}
		produced(size);
	}

	/**
	 * The size of a value: characters of strings plus one per list element or map entry;
	 * stops counting once over {@code cap}.
	 */
	private long size(Object value, long cap) {
		long size = 0;
		Deque<Object> pending = new ArrayDeque<>();
		pending.push((value != null) ? value : "");
		while (!pending.isEmpty() && size <= cap) {
			Object next = pending.pop();
			switch (next) {
				case CharSequence text -> size += text.length();
				case BigDecimal number -> size += digits(number.unscaledValue(), Math.abs(number.scale()));
				case BigInteger number -> size += digits(number, 0);
				case Map<?, ?> map -> map.forEach((key, item) -> {
					pending.push(String.valueOf(key));
					pushItem(pending, item);
				});
				case Collection<?> items -> items.forEach((item) -> pushItem(pending, item));
				case Object[] items -> {
					for (Object item : items) {
						pushItem(pending, item);
					}
				}
				default -> size += 1;
			}
		}
		return size;
	}

	private static void pushItem(Deque<Object> pending, Object item) {
		// one for the element itself; a null element counts as an empty string
		pending.push("-");
		if (item != null) {
			pending.push(item);
		}
	}

	private long digits(BigInteger unscaled, int scale) {
		long digits = (long) Math.ceil(unscaled.bitLength() / BITS_PER_DIGIT) + scale;
		if (digits > this.limits.maxNumberDigits()) {
			throw new TemplateLimitException(
					"render stopped: a number grew over " + this.limits.maxNumberDigits() + " digits");
		}
		return digits;
	}

}
