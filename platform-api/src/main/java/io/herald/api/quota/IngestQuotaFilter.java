package io.herald.api.quota;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import io.herald.api.apikey.ApiCaller;
import io.herald.api.web.ProblemType;
import io.herald.api.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the calling tenant's ingest quota to {@code POST /api/v1/events} (one permit
 * per request; a batch endpoint takes one per event through {@link IngestQuota}): beyond
 * it the answer is {@code 429 rate-limited} with {@code Retry-After}. Runs after
 * authorization, so that a key without {@code events:write} is told so instead.
 */
public class IngestQuotaFilter extends OncePerRequestFilter {

	private static final String EVENTS = "/api/v1/events";

	private final IngestQuota quota;

	private final ProblemWriter problems;

	public IngestQuotaFilter(IngestQuota quota, ProblemWriter problems) {
		this.quota = quota;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !"POST".equals(request.getMethod()) || !path.equals(EVENTS);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof ApiCaller caller
				&& caller.ingestLimits() != null) {
			Optional<Duration> wait = this.quota.tryAcquire(caller.tenantId(), caller.ingestLimits(), 1);
			if (wait.isPresent()) {
				response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait.get().toSeconds()));
				this.problems.write(request, response, ProblemType.RATE_LIMITED,
						"The tenant's ingest quota of " + caller.ingestLimits().eventsPerSecond()
								+ " events per second is used up: retry after the time in Retry-After");
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
