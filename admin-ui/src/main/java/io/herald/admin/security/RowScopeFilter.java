package io.herald.admin.security;

import java.io.IOException;

import io.herald.core.tenant.RowSecurity;
import io.herald.core.user.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs the rest of a signed-in request within the {@link RowSecurity} scope of its user
 * (decision 0074): a tenant member sees their tenant's rows only, the operator every
 * tenant's (the switcher lists them all). Nobody signed in: no scope, no tenant rows.
 */
class RowScopeFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		ConsoleUser user = (authentication != null && authentication.getPrincipal() instanceof ConsoleUser signedIn)
				? signedIn : null;
		try {
			if (user != null && user.role() == Role.OPERATOR) {
				RowSecurity.acrossTenants("operator console", () -> proceed(chain, request, response));
			}
			else if (user != null && user.tenantId() != null) {
				RowSecurity.forTenant(user.tenantId(), () -> proceed(chain, request, response));
			}
			else {
				chain.doFilter(request, response);
			}
		}
		catch (IOException | ServletException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new ServletException(ex);
		}
	}

	private static Void proceed(FilterChain chain, HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		chain.doFilter(request, response);
		return null;
	}

}
