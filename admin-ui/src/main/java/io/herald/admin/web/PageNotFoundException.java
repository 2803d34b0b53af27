package io.herald.admin.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Nothing at this address for this user: also what another tenant's id looks like, so
 * that a tenant never learns that the id exists.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class PageNotFoundException extends RuntimeException {

	public PageNotFoundException() {
		super("Not found", null, false, false);
	}

}
