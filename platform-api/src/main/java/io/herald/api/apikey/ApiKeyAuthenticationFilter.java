package io.herald.api.apikey;

import java.io.IOException;
import java.util.List;

import io.herald.api.web.ProblemType;
import io.herald.api.web.ProblemWriter;
import io.herald.core.apikey.ApiKey;
import io.herald.core.apikey.ApiKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <api key>} against the stored key hashes. No
 * header leaves the request anonymous (the entry point answers 401); a wrong or revoked
 * key is answered 401 here.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	public static final String TENANT_ROLE = "ROLE_TENANT";

	private static final String BEARER = "Bearer ";

	private final ApiKeys apiKeys;

	private final ProblemWriter problems;

	public ApiKeyAuthenticationFilter(ApiKeys apiKeys, ProblemWriter problems) {
		this.apiKeys = apiKeys;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			chain.doFilter(request, response);
			return;
		}
		ApiKey key = this.apiKeys.verify(header.substring(BEARER.length()).trim()).orElse(null);
		if (key == null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
			this.problems.write(request, response, ProblemType.UNAUTHORIZED, "The API key is invalid or revoked");
			return;
		}
		ApiCaller caller = new ApiCaller(key.getTenantId(), key.getPrefix());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null,
				List.of(new SimpleGrantedAuthority(TENANT_ROLE))));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
