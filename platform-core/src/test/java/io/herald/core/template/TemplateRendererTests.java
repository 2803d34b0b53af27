package io.herald.core.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateRendererTests {

	private final TemplateRenderer renderer = new TemplateRenderer();

	private final Map<String, Object> context = Map.of("data",
			Map.of("user", Map.of("name", "Ada <script>"), "items", List.of("a", "b")));

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
	void rendersConcurrently() {
		List<String> results = java.util.stream.IntStream.range(0, 200)
			.parallel()
			.mapToObj((i) -> this.renderer.render("{{ n }}", Map.of("n", i)))
			.toList();
		assertThat(results).hasSize(200).contains("0", "199");
	}

	private static final String BOMB = "{% assign x = \"aaaaaaaaaaaaaaaa\" %}"
			+ "{% for i in (1..40) %}{% assign x = x | append: x %}{% endfor %}{{ x | size }}";

	@Test
	void aDoublingStringStopsWithAReasonAndTheNextRenderStillWorks() {
		assertThatThrownBy(() -> this.renderer.render(BOMB, this.context)).isInstanceOf(TemplateLimitException.class)
			.hasMessageContaining("a value grew over");
		assertThat(this.renderer.render("Hi {{ data.user.name }}", this.context)).isEqualTo("Hi Ada <script>");
	}

	@Test
	void aTemplateThatExceedsItsLimitsWithoutDataIsRefusedWhenSaved() {
		assertThatThrownBy(() -> this.renderer.check(BOMB)).isInstanceOf(TemplateLimitException.class);
	}

	@Test
	void aTemplateThatFailsOnlyForLackOfDataIsAcceptedWhenSaved() {
		this.renderer.check("{{ data.total | divided_by: data.count }}");
	}

	@Test
	void aReplacementThatWouldMultiplyAStringStopsBeforeItRuns() {
		String bomb = "{% assign x = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" %}"
				+ "{% assign y = x | append: x | append: x | append: x %}"
				+ "{% assign z = x | replace: \"a\", y | replace: \"a\", y %}{{ z | size }}";
		assertThatThrownBy(() -> this.renderer.render(bomb, this.context)).isInstanceOf(TemplateLimitException.class)
			.hasMessageContaining("replace would grow a value");
	}

	@Test
	void loopOutputIsBoundedWhileItGrowsNotOnlyAtTheEnd() {
		Map<String, Object> big = Map.of("big", "x".repeat(100_000));
		assertThatThrownBy(() -> this.renderer
			.render("{% capture c %}{% for i in (1..5000) %}{{ big }}{% endfor %}{% endcapture %}{{ c | size }}", big))
			.isInstanceOf(TemplateLimitException.class)
			.hasMessageContaining("output grew over");
	}

	@Test
	void everythingARenderProducesCountsTowardsOneTotal() {
		Map<String, Object> big = Map.of("big", "x".repeat(500_000));
		assertThatThrownBy(() -> this.renderer
			.render("{% for i in (1..100) %}{% assign y = big | upcase %}{% endfor %}{{ y | size }}", big))
			.isInstanceOf(TemplateLimitException.class)
			.hasMessageContaining("in all");
	}

	@Test
	void aNumberThatSquaresItselfStops() {
		assertThatThrownBy(() -> this.renderer.render(
				"{% assign n = 1.5 %}{% for i in (1..40) %}{% assign n = n | times: n %}{% endfor %}{{ n }}",
				this.context))
			.isInstanceOf(TemplateLimitException.class)
			.hasMessageContaining("digits");
	}

	@Test
	void manyCheapStepsAreBoundedToo() {
		TemplateRenderer small = new TemplateRenderer(
				new RenderLimits(10_000, 1_000, 512 * 1024, 1024 * 1024, 16 * 1024 * 1024, 1_000, 128 * 1024),
				Duration.ofSeconds(10));
		assertThatThrownBy(() -> small.render("{% for i in (1..2000) %}{% assign a = i %}{% endfor %}", this.context))
			.isInstanceOf(TemplateLimitException.class)
			.hasMessageContaining("steps");
	}

	@Test
	void aRenderPastTheWallClockSafetyNetIsRetryableNotPermanent() {
		TemplateRenderer impatient = new TemplateRenderer(RenderLimits.DEFAULTS, Duration.ZERO);
		assertThatThrownBy(() -> impatient.render("{% for i in (1..10) %}{{ i }}{% endfor %}", this.context))
			.isInstanceOf(TemplateTimeoutException.class)
			.isNotInstanceOf(TemplateException.class);
	}

	@Test
	void htmlModeEscapesMapKeysToo() {
		Map<String, Object> context = Map.of("data", Map.of("<img src=x onerror=alert(1)>", "v"));
		assertThat(this.renderer.render("{% for pair in data %}{{ pair[0] }}{% endfor %}", context, true))
			.isEqualTo("&lt;img src=x onerror=alert(1)&gt;");
	}

	@Test
	void urlDecodeCannotTurnEscapedDataIntoMarkupInHtmlMode() {
		Map<String, Object> context = Map.of("data",
				Map.of("q", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "safe", "Tom & Jerry"));
		assertThat(this.renderer.render("{{ data.q | url_decode }}|{{ data.safe | url_decode }}", context, true))
			.isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;|Tom &amp; Jerry");
		assertThat(this.renderer.render("{{ data.q | url_decode }}", context, false))
			.isEqualTo("<script>alert(1)</script>");
	}

	@Test
	void aDraftRendersLikeASavedTemplateWithTheSameLimitsAndErrors() {
		assertThat(this.renderer.renderDraft("<p>{{ data.user.name }}</p>", this.context, true))
			.isEqualTo(this.renderer.render("<p>{{ data.user.name }}</p>", this.context, true));
		assertThatThrownBy(() -> this.renderer.renderDraft("{% for x in %}", this.context, false))
			.isInstanceOf(TemplateException.class)
			.hasMessageStartingWith("invalid Liquid");
		assertThatThrownBy(() -> this.renderer.renderDraft(BOMB, this.context, false))
			.isInstanceOf(TemplateLimitException.class);
	}

}
