package io.herald.core.tenant;

/**
 * Changes to a tenant's attributes; a null field is left as it is.
 *
 * @param name display name, 1-200 characters
 * @param defaultLocale BCP 47 language tag, e.g. {@code en} or {@code pt-BR}
 */
public record TenantChanges(String name, String defaultLocale) {

}
