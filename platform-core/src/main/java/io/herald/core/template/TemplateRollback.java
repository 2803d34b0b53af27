package io.herald.core.template;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Publishes the content of an earlier version as the next version.
 *
 * @param version the version whose subject and body come back
 */
public record TemplateRollback(@NotNull @Min(1) Integer version) {

}
