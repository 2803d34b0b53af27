package io.herald.core.user;

/**
 * What became of a user's request to change their own password: changed, or refused for
 * one reason that the console explains next to the field concerned.
 */
public sealed interface PasswordChange {

	/**
	 * The new password's hash replaced the old one and the user need not change it again.
	 *
	 * @param passwordHash the new BCrypt hash, for the signed-in session
	 */
	record Changed(String passwordHash) implements PasswordChange {

		@Override
		public String toString() {
			return "Changed[passwordHash=***]";
		}

	}

	/**
	 * Nothing changed.
	 *
	 * @param reason why
	 */
	record Refused(Reason reason) implements PasswordChange {

	}

	enum Reason {

		/** The current password given is not the user's password. */
		WRONG_CURRENT_PASSWORD,

		/** Fewer than {@link UserManagement#MIN_PASSWORD_LENGTH} characters. */
		TOO_SHORT,

		/**
		 * More than BCrypt reads ({@link UserManagement#MAX_PASSWORD_BYTES} bytes of
		 * UTF-8).
		 */
		TOO_LONG,

		/** The new password is the current one. */
		SAME_AS_CURRENT

	}

}
