package io.herald.admin.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;

/**
 * Clears the user name's failure count and opens the dashboard, or the change-password
 * page for a user who signed in with a one-time password.
 */
class ThrottledLoginSuccessHandler extends SimpleUrlAuthenticationSuccessHandler {

	private final LoginThrottle throttle;

	ThrottledLoginSuccessHandler(LoginThrottle throttle) {
		super("/");
		setAlwaysUseDefaultTargetUrl(true);
		this.throttle = throttle;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		this.throttle.succeeded(authentication.getName());
		if (authentication.getPrincipal() instanceof ConsoleUser user && user.mustChangePassword()) {
			clearAuthenticationAttributes(request);
			getRedirectStrategy().sendRedirect(request, response, PasswordChangeController.PATH);
			return;
		}
		super.onAuthenticationSuccess(request, response, authentication);
	}

}
