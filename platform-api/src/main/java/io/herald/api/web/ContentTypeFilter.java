package io.herald.api.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 415 a {@code Content-Type} that cannot describe a body: unparseable or
 * with a wildcard ({@code *}/{@code *}). Spring MVC would fail on such a header with an
 * internal error before any handler could refuse it.
 */
public class ContentTypeFilter extends OncePerRequestFilter {

	private final ProblemWriter problems;

	public ContentTypeFilter(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String contentType = request.getContentType();
		if (contentType != null && !contentType.isBlank() && !concrete(contentType)) {
			this.problems.write(request, response, ProblemType.UNSUPPORTED_MEDIA_TYPE,
					"The Content-Type must name one media type, such as application/json");
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean concrete(String contentType) {
		try {
			MediaType mediaType = MediaType.parseMediaType(contentType);
			return !mediaType.isWildcardType() && !mediaType.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
