package io.herald.core.user;

/**
 * A user's password was reset to a new one-time password, which exists only in this
 * record.
 *
 * @param user the user
 * @param password the generated password, to be shown once
 */
public record PasswordReset(UserView user, String password) {

	@Override
	public String toString() {
		return "PasswordReset[user=" + this.user + ", password=***]";
	}

}
