package io.herald.api.apikey;

import java.util.function.Supplier;

import io.herald.core.apikey.ApiKeyScope;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Grants a tenant call when its API key holds the scope {@link ScopeRules} requires.
 */
public final class ScopeAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication caller = authentication.get();
		if (caller == null || !(caller.getPrincipal() instanceof ApiCaller)) {
			return new AuthorizationDecision(false);
		}
		String authority = ApiKeyAuthenticationFilter.authority(required(context.getRequest()));
		return new AuthorizationDecision(
				caller.getAuthorities().stream().anyMatch((granted) -> authority.equals(granted.getAuthority())));
	}

	/** The scope the request needs. */
	public static ApiKeyScope required(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return ScopeRules.required(request.getMethod(), path);
	}

}
