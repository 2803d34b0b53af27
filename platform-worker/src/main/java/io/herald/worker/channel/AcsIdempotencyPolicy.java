package io.herald.worker.channel;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

/**
 * Makes the ACS send request idempotent per notification: {@code Operation-Id} (the id
 * the 2023-03-31 API gives the send operation) and the OASIS repeatability headers
 * {@code Repeatability-Request-Id} / {@code Repeatability-First-Sent} all carry the
 * notification id, and records the {@code Operation-Location} of the accepted send. The
 * public SDK has no parameter for either, hence a pipeline policy.
 */
final class AcsIdempotencyPolicy implements HttpPipelinePolicy {

	/** IMF-fixdate (RFC 9110), always two-digit days, always GMT. */
	static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	@Override
	public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
		AcsCall call = sendCall(context);
		if (call == null) {
			return next.process();
		}
		stamp(context.getHttpRequest(), call);
		return next.process().doOnNext(call::accepted);
	}

	@Override
	public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
		AcsCall call = sendCall(context);
		if (call == null) {
			return next.processSync();
		}
		stamp(context.getHttpRequest(), call);
		HttpResponse response = next.processSync();
		call.accepted(response);
		return response;
	}

	@Override
	public HttpPipelinePosition getPipelinePosition() {
		return HttpPipelinePosition.PER_CALL;
	}

	private static AcsCall sendCall(HttpPipelineCallContext context) {
		if (context.getHttpRequest().getHttpMethod() != HttpMethod.POST) {
			return null;
		}
		return context.getData(AcsCall.CONTEXT_KEY)
			.filter(AcsCall.class::isInstance)
			.map(AcsCall.class::cast)
			.orElse(null);
	}

	private static void stamp(HttpRequest request, AcsCall call) {
		String id = call.notificationId().toString();
		request.setHeader("Operation-Id", id);
		request.setHeader("Repeatability-Request-Id", id);
		request.setHeader("Repeatability-First-Sent", IMF_FIXDATE.format(call.firstSent()));
	}

}
