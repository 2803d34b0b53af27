package io.herald.admin.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform operator's console login ({@code herald.operator.*}). With no password the
 * operator cannot sign in to the console.
 *
 * @param username the operator's user name
 * @param password the operator's password in clear text (hashed with BCrypt at start)
 */
@ConfigurationProperties("herald.operator")
record OperatorProperties(@DefaultValue("operator") String username, String password) {

	boolean loginEnabled() {
		return this.password != null && !this.password.isBlank();
	}

}
