package io.herald.api.idempotency;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.herald.api.apikey.ApiCaller;
import io.herald.api.web.PayloadTooLargeException;
import io.herald.api.web.ProblemType;
import io.herald.api.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on every {@code POST} (decision 0071), for tenants and the
 * operator alike: the first request with a key runs and its answer (2xx or final 4xx) is
 * kept for 24 h; the same key with the same method, path, query and body gets that answer
 * again without running ({@code Idempotent-Replayed: true}); with a different request it
 * gets 422 {@code idempotency-key-reused}; while the first still runs, 409
 * {@code idempotency-key-in-progress}. Keys belong to the caller: the tenant of the API
 * key, or the operator. Runs after authorization, so a refused caller is not recorded.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

	public static final String HEADER = "Idempotency-Key";

	static final String REPLAYED = "Idempotent-Replayed";

	private static final int MAX_KEY_LENGTH = 255;

	private final IdempotencyRecords records;

	private final ProblemWriter problems;

	public IdempotencyFilter(IdempotencyRecords records, ProblemWriter problems) {
		this.records = records;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		String principal = principal();
		if (principal == null) {
			chain.doFilter(request, response);
			return;
		}
		if (!valid(key)) {
			this.problems.write(request, response, ProblemType.VALIDATION, "The Idempotency-Key header must be 1 to "
					+ MAX_KEY_LENGTH + " visible ASCII characters, such as a UUID");
			return;
		}
		byte[] body;
		try {
			body = request.getInputStream().readAllBytes();
		}
		catch (PayloadTooLargeException ex) {
			this.problems.write(request, response, ProblemType.PAYLOAD_TOO_LARGE, null);
			return;
		}
		IdempotencyRecords.Decision decision;
		try {
			decision = this.records.begin(principal, sha256(key.getBytes(StandardCharsets.US_ASCII)),
					fingerprint(request, body));
		}
		catch (DataAccessException ex) {
			logger.warn("Idempotency records are unavailable (Redis and PostgreSQL): " + ex.getMessage());
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
			this.problems.write(request, response, ProblemType.SERVICE_UNAVAILABLE,
					"The Idempotency-Key cannot be checked now: retry later with the same key");
			return;
		}
		switch (decision) {
			case IdempotencyRecords.Decision.Replay replay -> replay(replay.response(), response);
			case IdempotencyRecords.Decision.Reused reused ->
				this.problems.write(request, response, ProblemType.IDEMPOTENCY_KEY_REUSED,
						"This Idempotency-Key was used within 24 hours for a request with another method, path or"
								+ " body: use a new key for a new request");
			case IdempotencyRecords.Decision.InProgress running -> {
				response.setHeader(HttpHeaders.RETRY_AFTER, "1");
				this.problems.write(request, response, ProblemType.IDEMPOTENCY_KEY_IN_PROGRESS,
						"A request with this Idempotency-Key is still running: retry after the time in Retry-After"
								+ " to get its answer");
			}
			case IdempotencyRecords.Decision.Claimed claim ->
				run(claim, new CachedBodyRequest(request, body), response, chain);
		}
	}

	private void run(IdempotencyRecords.Decision.Claimed claim, HttpServletRequest request,
			HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
		RecordingResponse recording = new RecordingResponse(response);
		try {
			chain.doFilter(request, recording);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			this.records.release(claim);
			throw ex;
		}
		int status = recording.getStatus();
		if (!recording.errorSent && StoredResponse.isFinal(status)) {
			Map<String, String> headers = new LinkedHashMap<>();
			if (recording.getContentType() != null) {
				headers.put(HttpHeaders.CONTENT_TYPE, recording.getContentType());
			}
			String location = recording.getHeader(HttpHeaders.LOCATION);
			if (location != null) {
				headers.put(HttpHeaders.LOCATION, location);
			}
			this.records.complete(claim, new StoredResponse(status, headers, recording.getContentAsByteArray()));
		}
		else {
			this.records.release(claim);
		}
		recording.copyBodyToResponse();
	}

	private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
		response.setStatus(stored.status());
		stored.headers().forEach(response::setHeader);
		response.setHeader(REPLAYED, "true");
		response.setContentLength(stored.body().length);
		response.getOutputStream().write(stored.body());
	}

	private static String principal() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()) {
			return null;
		}
		if (authentication.getPrincipal() instanceof ApiCaller caller) {
			return "tenant:" + caller.tenantId();
		}
		return "operator:" + authentication.getName();
	}

	private static boolean valid(String key) {
		return !key.isEmpty() && key.length() <= MAX_KEY_LENGTH && key.chars().allMatch((c) -> c > 0x20 && c < 0x7f);
	}

	private static String fingerprint(HttpServletRequest request, byte[] body) {
		String target = request.getMethod() + " " + request.getRequestURI() + "?"
				+ ((request.getQueryString() != null) ? request.getQueryString() : "") + "\n";
		byte[] head = target.getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[head.length + body.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(body, 0, all, head.length, body.length);
		return sha256(all);
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Notes {@code sendError}: its body comes from the error page, not from here. */
	private static final class RecordingResponse extends ContentCachingResponseWrapper {

		private boolean errorSent;

		RecordingResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void sendError(int status) throws IOException {
			this.errorSent = true;
			super.sendError(status);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			this.errorSent = true;
			super.sendError(status, message);
		}

	}

	/** The request with its body read once, for the fingerprint, and served again. */
	private static final class CachedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("synchronous reads only");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			Charset charset = StandardCharsets.UTF_8;
			try {
				String encoding = getCharacterEncoding();
				if (encoding != null && Charset.isSupported(encoding)) {
					charset = Charset.forName(encoding);
				}
			}
			catch (IllegalArgumentException ex) {
				// an illegal charset name: read as UTF-8 like an absent one
			}
			return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(this.body), charset));
		}

	}

}
