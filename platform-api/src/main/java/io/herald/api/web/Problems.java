package io.herald.api.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

import org.springframework.http.ProblemDetail;

/**
 * Builds {@link ProblemDetail}s with Herald's stable type URIs.
 */
final class Problems {

	private Problems() {
	}

	static ProblemDetail of(ProblemType type, String detail, String path) {
		return of(type, detail, path, Map.of());
	}

	static ProblemDetail of(ProblemType type, String detail, String path, Map<String, Object> properties) {
		ProblemDetail problem = ProblemDetail.forStatus(type.status());
		problem.setType(type.type());
		problem.setTitle(type.title());
		problem.setDetail((detail != null) ? detail : type.title());
		if (path != null) {
			try {
				problem.setInstance(new URI(null, null, path, null));
			}
			catch (URISyntaxException ex) {
				// an instance is optional
			}
		}
		properties.forEach(problem::setProperty);
		return problem;
	}

}
