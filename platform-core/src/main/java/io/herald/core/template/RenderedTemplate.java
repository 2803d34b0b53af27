package io.herald.core.template;

/**
 * A template version rendered for a preview, exactly as it would be sent.
 */
public record RenderedTemplate(String subject, String body) {

}
