package io.herald.api.quota;

import java.io.IOException;

import io.herald.api.web.ProblemType;
import io.herald.api.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses operator calls with credentials from an address that failed too often, before
 * BCrypt runs: {@code 429 rate-limited} with {@code Retry-After}.
 */
public class OperatorLoginThrottleFilter extends OncePerRequestFilter {

	private final OperatorLoginThrottle throttle;

	private final ProblemWriter problems;

	public OperatorLoginThrottleFilter(OperatorLoginThrottle throttle, ProblemWriter problems) {
		this.throttle = throttle;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !hasBasicCredentials(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.throttle.isBlocked(request.getRemoteAddr())) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(this.throttle.retryAfter().toSeconds()));
			this.problems.write(request, response, ProblemType.RATE_LIMITED,
					"Too many failed operator logins from this address: retry after the time in Retry-After");
			return;
		}
		chain.doFilter(request, response);
	}

	/** The request carries HTTP Basic credentials (failures count only then). */
	public static boolean hasBasicCredentials(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		return header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
	}

}
