package io.herald.admin.web;

/**
 * An operator opened a page that belongs to one tenant while looking at all tenants; the
 * page says so and offers the switcher instead of failing.
 */
public class TenantRequiredException extends RuntimeException {

	public TenantRequiredException() {
		super("Choose a tenant first");
	}

}
