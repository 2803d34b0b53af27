package io.herald.core.template;

/**
 * What one render of a tenant's template may do. Every bound counts work, not time, so a
 * render that passes on an idle machine passes under load too.
 *
 * @param maxIterations loop iterations over the whole render ({@code for},
 * {@code tablerow})
 * @param maxSteps tags, blocks, filter calls and appends over the whole render
 * @param maxOutputChars length of the output and of any one block's output
 * ({@code capture}, a loop body, {@code join})
 * @param maxValueChars size of any one value a filter produces (characters of a string;
 * elements plus characters of a list or map)
 * @param maxProducedChars sum of the sizes of everything filters and blocks produce:
 * bounds the memory a render can hold and the work it can do
 * @param maxNumberDigits digits of any one number a filter produces
 * @param maxTemplateChars length of the template source
 */
public record RenderLimits(int maxIterations, long maxSteps, int maxOutputChars, long maxValueChars,
		long maxProducedChars, int maxNumberDigits, int maxTemplateChars) {

	public static final RenderLimits DEFAULTS = new RenderLimits(10_000, 1_000_000, 512 * 1024, 1024 * 1024,
			16 * 1024 * 1024, 1_000, 128 * 1024);

}
