package io.herald.api.apikey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.herald.api.web.ProblemType;
import io.herald.api.web.ProblemWriter;
import io.herald.core.apikey.ApiKeyManagement;
import io.herald.core.apikey.ApiKeyScope;
import io.herald.core.tenant.RowSecurity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <api key>} against the stored key hashes. No
 * header leaves the request anonymous (the entry point answers 401); a wrong, revoked or
 * expired key is answered 401 here, a key of a suspended tenant 403. The caller's scopes
 * become authorities ({@code SCOPE_events:write}) that {@link ScopeAuthorization} checks.
 * A verified key is remembered for a few seconds ({@code herald.api.lookup-cache.ttl}),
 * keyed by the SHA-256 of the presented text, so that a busy client does not cost a
 * database lookup per call; a revocation, suspension or quota change therefore takes
 * effect within that time. Wrong keys are never remembered.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	public static final String TENANT_ROLE = "ROLE_TENANT";

	private static final String BEARER = "Bearer ";

	private static final int CACHE_SIZE = 10_000;

	private final ApiKeyManagement apiKeys;

	private final ProblemWriter problems;

	private final Cache<String, Verified> verified;

	public ApiKeyAuthenticationFilter(ApiKeyManagement apiKeys, ProblemWriter problems, Duration cacheTtl) {
		this.apiKeys = apiKeys;
		this.problems = problems;
		this.verified = Caffeine.newBuilder().maximumSize(CACHE_SIZE).expireAfterWrite(cacheTtl).build();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			chain.doFilter(request, response);
			return;
		}
		String presented = header.substring(BEARER.length()).trim();
		// a wrong key maps to null, which Caffeine does not keep
		Verified found = Optional
			.ofNullable(this.verified.get(sha256(presented),
					(hash) -> RowSecurity.acrossTenants("API key check", () -> this.apiKeys.verify(presented))
						.map((key) -> new Verified(ApiCaller.of(key), key.expiresAt(), key.tenantSuspended()))
						.orElse(null)))
			.filter((key) -> key.expiresAt() == null || Instant.now().isBefore(key.expiresAt()))
			.orElse(null);
		if (found == null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
			this.problems.write(request, response, ProblemType.UNAUTHORIZED,
					"The API key is invalid, revoked or expired");
			return;
		}
		if (found.tenantSuspended()) {
			this.problems.write(request, response, ProblemType.TENANT_SUSPENDED,
					"The tenant is suspended: every call is refused until an operator resumes it");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(
				UsernamePasswordAuthenticationToken.authenticated(found.caller(), null, authorities(found.caller())));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static List<GrantedAuthority> authorities(ApiCaller caller) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority(TENANT_ROLE));
		caller.scopes().forEach((scope) -> authorities.add(new SimpleGrantedAuthority(authority(scope))));
		return authorities;
	}

	/** The authority that stands for a scope, e.g. {@code SCOPE_events:write}. */
	static String authority(ApiKeyScope scope) {
		return "SCOPE_" + scope.value();
	}

	/** a remembered key; its expiry is checked on every call, not only when looked up */
	private record Verified(ApiCaller caller, Instant expiresAt, boolean tenantSuspended) {
	}

	private static String sha256(String presented) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(presented.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
