package io.herald.api.template;

import java.time.Instant;
import java.util.UUID;

import io.herald.core.channel.Channel;
import io.herald.core.template.Template;

record TemplateResponse(UUID id, String name, Channel channel, String locale, int version, String subject, String body,
		Instant createdAt) {

	static TemplateResponse of(Template template) {
		return new TemplateResponse(template.getId(), template.getName(), template.getChannel(), template.getLocale(),
				template.getVersion(), template.getSubject(), template.getBody(), template.getCreatedAt());
	}

}
