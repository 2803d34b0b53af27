package io.herald.admin.template;

import jakarta.validation.constraints.Size;

/**
 * The template editor as typed. Name, channel and locale pick the template; saving
 * publishes the subject and body as its next version.
 *
 * @param name the template's name (fixed once created)
 * @param channel WEBHOOK, EMAIL or PUSH (fixed once created)
 * @param locale the language tag of this variant (fixed once created)
 * @param subject the subject's Liquid (EMAIL, PUSH title)
 * @param body the body's Liquid (HTML for EMAIL, JSON for WEBHOOK)
 * @param sample the event type whose sample payload the preview renders with; blank for
 * one that a subscription ties the template to
 */
record TemplateForm(@Size(max = 200, message = "At most 200 characters.") String name, String channel,
		@Size(max = 35, message = "At most 35 characters.") String locale,
		@Size(max = 2000, message = "At most 2000 characters.") String subject,
		@Size(max = 131072, message = "At most 128 KB.") String body,
		@Size(max = 200, message = "At most 200 characters.") String sample) {

	static TemplateForm empty() {
		return new TemplateForm("", "EMAIL", "en", "", "", "");
	}

	TemplateForm withSample(String eventType) {
		return new TemplateForm(this.name, this.channel, this.locale, this.subject, this.body, eventType);
	}

}
