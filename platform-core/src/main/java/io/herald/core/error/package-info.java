/**
 * The failures a use case ({@code …Management}) reports to whoever called it. They are
 * domain exceptions, not web ones: the API maps each to a problem+json response, the
 * console to a message on the same page. Every message is safe to show to the tenant.
 */
package io.herald.core.error;
