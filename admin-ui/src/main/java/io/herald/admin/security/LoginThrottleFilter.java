package io.herald.admin.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in attempt for a locked user name or source address before the password
 * is checked, so that a locked account cannot be probed further and BCrypt is not run for
 * it.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	private final LoginThrottle throttle;

	LoginThrottleFilter(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.throttle.isLocked(request.getParameter("username"), request.getRemoteAddr())) {
			response.sendRedirect(request.getContextPath() + "/login?locked");
			return;
		}
		chain.doFilter(request, response);
	}

}
