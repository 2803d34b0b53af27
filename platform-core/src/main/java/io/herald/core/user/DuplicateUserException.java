package io.herald.core.user;

/**
 * The user name is already taken (user names are unique across tenants).
 */
public class DuplicateUserException extends RuntimeException {

	public DuplicateUserException(String username) {
		super("A user named '" + username + "' already exists");
	}

}
