package io.herald.core.tenant;

public class DuplicateTenantException extends RuntimeException {

	public DuplicateTenantException(String slug) {
		super("A tenant with slug '" + slug + "' already exists");
	}

}
