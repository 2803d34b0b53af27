package io.herald.core.template;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateRendererTests {

	private final TemplateRenderer renderer = new TemplateRenderer();

	private final Map<String, Object> context = Map.of("data",
			Map.of("user", Map.of("name", "Ada <script>"), "items", List.of("a", "b")));

	@AfterEach
	void close() {
		this.renderer.close();
	}

	@Test
	void rendersVariablesAndLoops() {
		assertThat(this.renderer.render("Hi {{ data.user.name }}: {% for i in data.items %}{{ i }}{% endfor %}",
				this.context))
			.isEqualTo("Hi Ada <script>: ab");
	}

	@Test
	void htmlModeEscapesVariablesButKeepsTheTemplatesMarkup() {
		assertThat(this.renderer.render("<p>{{ data.user.name }}</p>", this.context, true))
			.isEqualTo("<p>Ada &lt;script&gt;</p>");
	}

	@Test
	void missingVariablesRenderEmpty() {
		assertThat(this.renderer.render("[{{ data.nothing.here }}]", this.context)).isEqualTo("[]");
	}

	@Test
	void brokenTemplateIsRefusedWithAReadableMessage() {
		assertThatThrownBy(() -> this.renderer.check("{% for x in %}")).isInstanceOf(TemplateException.class)
			.hasMessageStartingWith("invalid Liquid");
	}

	@Test
	void includesAreRefused() {
		assertThatThrownBy(() -> this.renderer.render("{% include 'secrets' %}", this.context))
			.isInstanceOf(TemplateException.class);
	}

	@Test
	void runawayLoopsAreStopped() {
		assertThatThrownBy(() -> this.renderer
			.render("{% for a in (1..1000) %}{% for b in (1..1000) %}{{ b }}{% endfor %}{% endfor %}", this.context))
			.isInstanceOf(TemplateException.class);
	}

	@Test
	void rendersConcurrentlyOnTheSharedExecutor() {
		List<String> results = java.util.stream.IntStream.range(0, 200)
			.parallel()
			.mapToObj((i) -> this.renderer.render("{{ n }}", Map.of("n", i)))
			.toList();
		assertThat(results).hasSize(200).contains("0", "199");
	}

}
