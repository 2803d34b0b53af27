package io.herald.core.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import liqp.TemplateParser;

/**
 * Renders tenant-authored Liquid safely: no includes, bounded iterations, time and output
 * size. Parsed templates are cached by source text, which is immutable per template
 * version. The time limit is enforced by rendering on a virtual thread of one shared
 * executor (liqp would otherwise start a platform thread per render).
 */
public class TemplateRenderer implements AutoCloseable {

	private static final int CACHE_SIZE = 2_000;

	private final TemplateParser parser = new TemplateParser.Builder().withStrictVariables(false)
		.withMaxIterations(10_000)
		.withMaxRenderTimeMillis(1_000)
		.withMaxSizeRenderedString(512 * 1024)
		.withMaxTemplateSizeBytes(128 * 1024)
		.withErrorMode(TemplateParser.ErrorMode.STRICT)
		.withNameResolver((name) -> {
			throw new TemplateException("includes are not allowed: " + name);
		})
		.build();

	private final ExecutorService renders = Executors.newVirtualThreadPerTaskExecutor();

	private final Map<String, liqp.Template> cache = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, liqp.Template> eldest) {
			return size() > CACHE_SIZE;
		}
	});

	/**
	 * Parses a template so that a broken one is refused when saved, not when sent.
	 */
	public void check(String source) {
		parse(source);
	}

	public String render(String source, Map<String, Object> context) {
		return render(source, context, false);
	}

	/**
	 * Renders {@code source}; with {@code escapeHtml} every string value of the context
	 * is HTML-escaped first, so that variables cannot inject markup into an HTML e-mail
	 * while the template's own markup stays as written.
	 */
	public String render(String source, Map<String, Object> context, boolean escapeHtml) {
		if (source == null || source.isEmpty()) {
			return source;
		}
		try {
			return parse(source).render(escapeHtml ? HtmlEscaping.escapeStrings(context) : context, this.renders,
					false);
		}
		catch (TemplateException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new TemplateException("render failed: " + message(ex));
		}
	}

	@Override
	public void close() {
		this.renders.shutdown();
	}

	private liqp.Template parse(String source) {
		if (source == null) {
			return null;
		}
		liqp.Template cached = this.cache.get(source);
		if (cached != null) {
			return cached;
		}
		try {
			liqp.Template parsed = this.parser.parse(source);
			this.cache.put(source, parsed);
			return parsed;
		}
		catch (RuntimeException ex) {
			throw new TemplateException("invalid Liquid: " + message(ex));
		}
	}

	private static String message(RuntimeException ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

}
