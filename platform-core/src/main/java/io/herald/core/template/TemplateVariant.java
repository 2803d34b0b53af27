package io.herald.core.template;

import io.herald.core.channel.Channel;

/**
 * One channel and locale of a template name: the unit that has versions.
 */
public record TemplateVariant(Channel channel, String locale) {

}
