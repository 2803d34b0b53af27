package io.herald.core.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A parsed liqp template keeps the context of its current render in a field (liqp issue
 * #287), so one cached instance rendered by two threads at once can mix their data: one
 * recipient's notification carrying another's values, across tenants when their templates
 * have the same text. Every render must see only its own context, however many threads
 * render the same source at once.
 */
class TemplateRendererConcurrencyTests {

	private final TemplateRenderer renderer = new TemplateRenderer();

	@Test
	void theSameTemplateRenderedOnManyThreadsAtOnceGivesEachRenderItsOwnData() throws Exception {
		String source = "{% assign who = data.name %}Hello {{ who }}{% for i in (1..3) %}, {{ data.name | upcase }}{% endfor %}";
		int threads = 8;
		int rendersPerThread = 2_000;
		List<String> wrong = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			List<Future<List<String>>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				results.add(pool.submit((Callable<List<String>>) () -> {
					List<String> mismatches = new ArrayList<>();
					for (int i = 0; i < rendersPerThread; i++) {
						String name = "n" + thread + "x" + i;
						String expected = "Hello " + name + ", " + name.toUpperCase() + ", " + name.toUpperCase() + ", "
								+ name.toUpperCase();
						String rendered = this.renderer.render(source, Map.of("data", Map.of("name", name)));
						if (!expected.equals(rendered)) {
							mismatches.add(expected + " <> " + rendered);
						}
					}
					return mismatches;
				}));
			}
			for (Future<List<String>> result : results) {
				wrong.addAll(result.get());
			}
		}
		assertThat(wrong).as("renders that saw another render's data").isEmpty();
	}

}
