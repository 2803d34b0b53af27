package io.herald.core.template;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new template version. Posting the same name, channel and locale again creates the
 * next version; versions are never changed.
 *
 * @param channel WEBHOOK, EMAIL or PUSH (any case)
 * @param locale a language tag; {@code en} when absent
 */
public record TemplateDraft(
		@NotBlank @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
				message = "must start with a letter or digit and contain only letters, digits and . _ -") String name,
		@NotBlank @Size(max = 16) String channel,
		@Size(max = 35) @Pattern(regexp = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*",
				message = "must be a language tag such as en or pt-BR") String locale,
		@Size(max = 2000) String subject, @NotBlank @Size(max = 131072) String body) {

}
