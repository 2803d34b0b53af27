package io.herald.core.template;

import io.herald.core.channel.Channel;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Template text being edited and not saved yet, to preview as it is typed.
 *
 * @param name the template's name, which picks the event type whose sample is used when
 * the request names none; may be blank for a new template
 * @param channel the channel, which decides whether the body is HTML (EMAIL)
 * @param subject the subject's Liquid, or null
 * @param body the body's Liquid, or null
 */
public record UnsavedTemplate(@Size(max = 200) String name, @NotNull Channel channel, @Size(max = 2000) String subject,
		@Size(max = 131072) String body) {

}
