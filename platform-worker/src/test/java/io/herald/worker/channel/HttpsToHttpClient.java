package io.herald.worker.channel;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import reactor.core.publisher.Mono;

/**
 * Rewrites {@code https://127.0.0.1} to {@code http://127.0.0.1} after the ACS SDK has
 * signed the request, so that a local fake without TLS can stand in for ACS.
 */
final class HttpsToHttpClient implements HttpClient {

	private static final String LOCAL_HTTPS = "https://127.0.0.1";

	private final HttpClient delegate;

	HttpsToHttpClient(HttpClient delegate) {
		this.delegate = delegate;
	}

	@Override
	public Mono<HttpResponse> send(HttpRequest request) {
		return this.delegate.send(plain(request));
	}

	@Override
	public Mono<HttpResponse> send(HttpRequest request, Context context) {
		return this.delegate.send(plain(request), context);
	}

	@Override
	public HttpResponse sendSync(HttpRequest request, Context context) {
		return this.delegate.sendSync(plain(request), context);
	}

	private static HttpRequest plain(HttpRequest request) {
		String url = request.getUrl().toString();
		if (url.startsWith(LOCAL_HTTPS)) {
			request.setUrl("http://" + url.substring("https://".length()));
		}
		return request;
	}

}
