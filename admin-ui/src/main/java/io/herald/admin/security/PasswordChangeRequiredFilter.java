package io.herald.admin.security;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends a user who signed in with a one-time password to the change-password page from
 * every other page (decision 0085): only that page, signing out, signing in, the error
 * page, health checks and static assets stay open to them. An htmx request gets an
 * {@code HX-Redirect} so that the whole page changes, not a fragment of it.
 */
class PasswordChangeRequiredFilter extends OncePerRequestFilter {

	private static final Set<String> OPEN_PATHS = Set.of(PasswordChangeController.PATH, "/logout", "/login", "/error",
			"/favicon.ico", "/livez", "/readyz");

	private static final List<String> OPEN_PREFIXES = List.of("/css/", "/js/", "/webjars/", "/actuator/health");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getServletPath();
		return OPEN_PATHS.contains(path) || OPEN_PREFIXES.stream().anyMatch(path::startsWith);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof ConsoleUser user
				&& user.mustChangePassword()) {
			String target = request.getContextPath() + PasswordChangeController.PATH;
			if ("true".equals(request.getHeader("HX-Request"))) {
				response.setHeader("HX-Redirect", target);
				response.setStatus(HttpServletResponse.SC_NO_CONTENT);
			}
			else {
				response.sendRedirect(target);
			}
			return;
		}
		chain.doFilter(request, response);
	}

}
