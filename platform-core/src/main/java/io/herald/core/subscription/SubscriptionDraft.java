package io.herald.core.subscription;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Subscribes a template to an event type on a channel.
 *
 * @param eventType the event type's name
 * @param template the template's name (any locale; the recipient's is picked when sent)
 * @param channel WEBHOOK, EMAIL or PUSH
 * @param endpoint the http(s) URL a WEBHOOK subscription posts to
 * @param enabled whether events produce notifications (default true)
 * @param recipient {@code subject} (the event's subject is the recipient's id; the
 * default) or a JSON Pointer into the event data that holds the address
 * @param filter an optional CEL expression over {@code event} and {@code data}
 */
public record SubscriptionDraft(@NotBlank @Size(max = 200) String eventType, @NotBlank @Size(max = 200) String template,
		@NotBlank @Size(max = 16) String channel, @Size(max = 2000) String endpoint, Boolean enabled,
		@Size(max = 500) String recipient, @Size(max = 4096) String filter) {

}
