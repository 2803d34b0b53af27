package io.herald.admin.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * Counts the failure against the user name and the source address, then shows the login
 * page with its message (the same for an unknown user and a wrong password).
 */
class ThrottledLoginFailureHandler extends SimpleUrlAuthenticationFailureHandler {

	private final LoginThrottle throttle;

	ThrottledLoginFailureHandler(LoginThrottle throttle) {
		super("/login?error");
		this.throttle = throttle;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		this.throttle.failed(request.getParameter("username"), request.getRemoteAddr());
		super.onAuthenticationFailure(request, response, exception);
	}

}
