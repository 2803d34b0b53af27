package io.herald.core.template;

import java.time.Instant;
import java.util.UUID;

import io.herald.core.channel.Channel;

/**
 * One template version as callers see it.
 */
public record TemplateView(UUID id, String name, Channel channel, String locale, int version, String subject,
		String body, Instant createdAt) {

	static TemplateView of(Template template) {
		return new TemplateView(template.getId(), template.getName(), template.getChannel(), template.getLocale(),
				template.getVersion(), template.getSubject(), template.getBody(), template.getCreatedAt());
	}

}
