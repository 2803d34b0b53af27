package io.herald.core.template;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.herald.core.channel.Channel;
import org.springframework.stereotype.Component;

/**
 * Finds the newest version of a template for a recipient's locale, falling back to the
 * locale's language ({@code fr-CA} → {@code fr}), then the tenant's default locale, then
 * {@code en}.
 */
@Component
public class TemplateResolver {

	static final String LAST_RESORT = "en";

	private final TemplateRepository templates;

	TemplateResolver(TemplateRepository templates) {
		this.templates = templates;
	}

	public Optional<Template> resolve(UUID tenantId, String name, Channel channel, String recipientLocale,
			String tenantLocale) {
		for (String locale : candidates(recipientLocale, tenantLocale)) {
			Optional<Template> found = this.templates
				.findTopByTenantIdAndNameAndChannelAndLocaleOrderByVersionDesc(tenantId, name, channel, locale);
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

	static Set<String> candidates(String recipientLocale, String tenantLocale) {
		Set<String> locales = new LinkedHashSet<>();
		addWithLanguage(locales, recipientLocale);
		addWithLanguage(locales, tenantLocale);
		locales.add(LAST_RESORT);
		return locales;
	}

	private static void addWithLanguage(Set<String> locales, String locale) {
		if (locale == null || locale.isBlank()) {
			return;
		}
		locales.add(locale);
		String language = Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
		if (!language.isEmpty()) {
			locales.add(language);
		}
	}

}
