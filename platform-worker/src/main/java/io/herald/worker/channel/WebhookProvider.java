package io.herald.worker.channel;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import io.herald.core.channel.Channel;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers the {@code WEBHOOK} channel: a signed JSON POST per Standard Webhooks, with
 * the message id (the notification id unless a resend asked for a new one) as
 * {@code webhook-id} so that receivers can drop a duplicate. No redirects are followed,
 * and the SSRF guard ({@link PublicAddressDnsResolver}) sits in the client's connection
 * manager. Each send has an overall deadline ({@code herald.webhook.send-deadline}),
 * after which the request is cancelled.
 */
public class WebhookProvider implements ChannelProvider, AutoCloseable {

	private final CloseableHttpClient http;

	private final JsonMapper json;

	private final Clock clock;

	private final int maxResponseBody;

	private final SendDeadline deadline;

	WebhookProvider(CloseableHttpClient http, JsonMapper json, Clock clock, WebhookProperties properties) {
		this.http = http;
		this.json = json;
		this.clock = clock;
		this.maxResponseBody = (int) properties.maxResponseBody().toBytes();
		this.deadline = new SendDeadline(properties.sendDeadline());
	}

	@Override
	public Duration sendDeadline() {
		return this.deadline.limit();
	}

	@Override
	public boolean supports(Channel channel, String configuredProvider) {
		return channel == Channel.WEBHOOK;
	}

	@Override
	public DeliveryOutcome send(OutboundMessage message) {
		URI target;
		try {
			target = URI.create(message.address());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return new DeliveryOutcome.Permanent("invalid webhook endpoint URL", null);
		}
		if (!"http".equalsIgnoreCase(target.getScheme()) && !"https".equalsIgnoreCase(target.getScheme())
				|| target.getHost() == null) {
			return new DeliveryOutcome.Permanent("webhook endpoint must be an http or https URL", null);
		}
		if (message.signingSecret() == null) {
			return new DeliveryOutcome.Permanent("the subscription has no signing secret", null);
		}
		byte[] body = body(message);
		String id = message.messageId().toString();
		long timestamp = this.clock.instant().getEpochSecond();
		HttpPost post = new HttpPost(target);
		post.setHeader("webhook-id", id);
		post.setHeader("webhook-timestamp", Long.toString(timestamp));
		post.setHeader("webhook-signature", WebhookSignature.sign(message.signingSecret(), id, timestamp, body));
		post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
		try {
			return this.deadline.run(() -> exchange(post), post::cancel);
		}
		catch (SendDeadline.Exceeded ex) {
			return this.deadline.exceeded("the webhook endpoint");
		}
		catch (PublicAddressDnsResolver.BlockedAddressException ex) {
			return new DeliveryOutcome.Permanent("target address is not allowed", null);
		}
		catch (UnknownHostException ex) {
			return new DeliveryOutcome.Retry("unknown host: " + target.getHost(), null, null);
		}
		catch (IOException ex) {
			return new DeliveryOutcome.Retry(ProviderErrors.transportFailure(ex), null, null);
		}
	}

	private byte[] body(OutboundMessage message) {
		ObjectNode root = this.json.createObjectNode();
		root.put("notificationId", message.notificationId().toString());
		root.put("eventId", message.eventId());
		root.put("eventType", message.eventType());
		root.put("subject", message.subject());
		root.put("body", message.body());
		root.set("data", data(message.dataJson()));
		return this.json.writeValueAsBytes(root);
	}

	private JsonNode data(String dataJson) {
		if (dataJson == null) {
			return this.json.nullNode();
		}
		try {
			return this.json.readTree(dataJson);
		}
		catch (JacksonException ex) {
			return this.json.getNodeFactory().stringNode(dataJson);
		}
	}

	// Reads at most maxResponseBody bytes of the answer: a longer body is not drained but
	// its connection discarded, so that a hostile endpoint cannot keep a sender busy.
	private DeliveryOutcome exchange(HttpPost post) throws IOException {
		ClassicHttpResponse response = this.http.executeOpen(null, post, null);
		Body body = Body.EMPTY;
		try {
			body = read(response.getEntity());
			return classify(response, body);
		}
		finally {
			if (body.complete()) {
				response.close();
			}
			else if (response instanceof ModalCloseable closeable) {
				closeable.close(CloseMode.IMMEDIATE);
			}
			else {
				response.close();
			}
		}
	}

	private DeliveryOutcome classify(ClassicHttpResponse response, Body body) {
		int status = response.getCode();
		if (status >= 200 && status < 300) {
			return new DeliveryOutcome.Sent(null, status);
		}
		if (status >= 300 && status < 400) {
			Header location = response.getFirstHeader("Location");
			return new DeliveryOutcome.Permanent("HTTP " + status + ": redirects are not followed"
					+ ((location != null) ? " (to " + location.getValue() + ")" : ""), status);
		}
		String error = "HTTP " + status + (body.text().isEmpty() ? "" : ": " + body.text());
		if (status == 408 || status == 429 || status >= 500) {
			return new DeliveryOutcome.Retry(error, status,
					RetryAfterParser.seconds(headerValue(response, "Retry-After"), this.clock));
		}
		return new DeliveryOutcome.Permanent(error, status);
	}

	private Body read(HttpEntity entity) throws IOException {
		if (entity == null) {
			return Body.EMPTY;
		}
		// The stream is not closed here: closing it would drain the rest of the body.
		InputStream in = entity.getContent();
		byte[] bytes = in.readNBytes(this.maxResponseBody);
		boolean complete = bytes.length < this.maxResponseBody || in.read() == -1;
		return new Body(new String(bytes, StandardCharsets.UTF_8).strip(), complete);
	}

	private static String headerValue(ClassicHttpResponse response, String name) {
		Header header = response.getFirstHeader(name);
		return (header != null) ? header.getValue() : null;
	}

	/** Closes the connection pool when the context stops. */
	@Override
	public void close() {
		this.http.close(CloseMode.GRACEFUL);
	}

	private record Body(String text, boolean complete) {

		static final Body EMPTY = new Body("", true);

	}

}
