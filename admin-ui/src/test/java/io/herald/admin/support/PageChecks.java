package io.herald.admin.support;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every console page promises a reader: a title, exactly one h1, a visible label for
 * every form field, and no inline script (the CSP would block it anyway).
 */
public final class PageChecks {

	private static final Pattern FIELD = Pattern.compile("<(input|select|textarea)\\b([^>]*)>");

	private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

	private static final Pattern TYPE = Pattern.compile("\\btype=\"([^\"]+)\"");

	private static final Pattern LABEL_FOR = Pattern.compile("<label\\b[^>]*\\bfor=\"([^\"]+)\"");

	private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>");

	private PageChecks() {
	}

	public static void assertWellFormedPage(String html) {
		assertThat(html).as("title").containsPattern("<title>[^<]+</title>");
		assertThat(Pattern.compile("<h1\\b").matcher(html).results().count()).as("number of h1").isEqualTo(1);
		assertThat(INLINE_SCRIPT.matcher(html).find()).as("inline script").isFalse();
		assertThat(html).as("inline event handlers").doesNotContainPattern("\\son[a-z]+=\"");
		Set<String> labelled = new HashSet<>();
		LABEL_FOR.matcher(html).results().forEach((match) -> labelled.add(match.group(1)));
		Matcher fields = FIELD.matcher(html);
		while (fields.find()) {
			String attributes = fields.group(2);
			Matcher type = TYPE.matcher(attributes);
			if (type.find() && Set.of("hidden", "submit", "button").contains(type.group(1))) {
				continue;
			}
			Matcher id = ID.matcher(attributes);
			assertThat(id.find()).as("field without id: %s", fields.group()).isTrue();
			assertThat(labelled).as("label for #%s", id.group(1)).contains(id.group(1));
		}
	}

}
