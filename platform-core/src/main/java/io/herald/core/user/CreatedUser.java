package io.herald.core.user;

/**
 * A new user together with its one-time password, which exists only in this record.
 *
 * @param user the user
 * @param password the generated password, to be shown once
 */
public record CreatedUser(UserView user, String password) {

	@Override
	public String toString() {
		return "CreatedUser[user=" + this.user + ", password=***]";
	}

}
