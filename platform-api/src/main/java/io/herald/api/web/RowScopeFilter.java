package io.herald.api.web;

import java.io.IOException;
import java.util.UUID;

import io.herald.core.tenant.RowSecurity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs the rest of an authenticated request within the {@link RowSecurity} scope of its
 * caller (decision 0074): a tenant's API key sees its tenant's rows only, the operator
 * every tenant's. A request nobody authenticated enters no scope and sees no tenant rows;
 * authorization refuses it anyway.
 */
public final class RowScopeFilter extends OncePerRequestFilter {

	/** The authority of the operator on {@code /api/v1/ops/**}. */
	private final String operatorAuthority;

	private final TenantOf tenantOf;

	public RowScopeFilter(String operatorAuthority, TenantOf tenantOf) {
		this.operatorAuthority = operatorAuthority;
		this.tenantOf = tenantOf;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		UUID tenant = (caller != null) ? this.tenantOf.tenant(caller.getPrincipal()) : null;
		try {
			if (tenant != null) {
				RowSecurity.forTenant(tenant, () -> proceed(chain, request, response));
			}
			else if (caller != null && caller.isAuthenticated()
					&& caller.getAuthorities()
						.stream()
						.anyMatch((authority) -> this.operatorAuthority.equals(authority.getAuthority()))) {
				RowSecurity.acrossTenants("operator API", () -> proceed(chain, request, response));
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

	/** The tenant of an authenticated principal, or null when it has none. */
	@FunctionalInterface
	public interface TenantOf {

		UUID tenant(Object principal);

	}

}
