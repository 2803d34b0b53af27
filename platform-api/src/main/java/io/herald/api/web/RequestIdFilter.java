package io.herald.api.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a short token,
 * else a new UUID. The id goes back in the response header, into every problem body
 * ({@code requestId}) and into the log lines of the request (MDC key {@code requestId}).
 * Registered first, before Spring Security, and for error dispatches too, so that
 * refusals by the security filters and the error page carry it as well.
 */
public class RequestIdFilter implements Filter {

	public static final String HEADER = "X-Request-Id";

	public static final String MDC_KEY = "requestId";

	static final int MAX_LENGTH = 128;

	private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse servlet)) {
			chain.doFilter(request, response);
			return;
		}
		String id = idOf(http);
		if (id == null) {
			id = accepted(http.getHeader(HEADER));
			http.setAttribute(ATTRIBUTE, id);
		}
		servlet.setHeader(HEADER, id);
		String previous = MDC.get(MDC_KEY);
		MDC.put(MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (previous != null) {
				MDC.put(MDC_KEY, previous);
			}
			else {
				MDC.remove(MDC_KEY);
			}
		}
	}

	/** The id of a request that passed this filter, or null. */
	public static String idOf(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof String id) ? id : null;
	}

	static String accepted(String given) {
		if (given != null && given.length() <= MAX_LENGTH && WELL_FORMED.matcher(given).matches()) {
			return given;
		}
		return UUID.randomUUID().toString();
	}

}
