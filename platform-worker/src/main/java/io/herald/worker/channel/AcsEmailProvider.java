package io.herald.worker.channel;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import com.azure.communication.email.EmailClient;
import com.azure.communication.email.EmailClientBuilder;
import com.azure.communication.email.models.EmailMessage;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.Context;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.herald.core.channel.AcsSettings;
import io.herald.core.channel.Channel;
import io.herald.core.support.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;

/**
 * E-mail through Azure Communication Services ({@code azure-communication-email}).
 *
 * <p>
 * The send is a long-running operation: Herald starts it, takes the operation id from the
 * {@code 202 Accepted} ({@code Operation-Location}) and does not poll — acceptance is
 * ACS's commitment, and a dispatcher thread should not wait seconds per e-mail for the
 * final status (delivery reports come from ACS's Event Grid events). The SDK's own
 * retries are off: the dispatcher's retry schedule owns retrying, honouring
 * {@code Retry-After}. A send gets {@code herald.channels.acs.send-deadline} in all.
 */
public class AcsEmailProvider implements ChannelProvider {

	private static final Logger log = LoggerFactory.getLogger(AcsEmailProvider.class);

	private static final RetryOptions NO_SDK_RETRIES = new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1)));

	/**
	 * One client per connection string, bounded; an {@link EmailClient} holds no
	 * resources of its own (the HTTP client is shared), so eviction just drops it.
	 */
	private final Cache<String, EmailClient> clients = Caffeine.newBuilder()
		.maximumSize(ProviderClients.MAX_CLIENTS)
		.expireAfterAccess(ProviderClients.IDLE_TIMEOUT)
		.build();

	private final HttpClient httpClient;

	private final Clock clock;

	private final RepeatabilityWindow repeatability;

	private final ChannelsProperties.Acs properties;

	private final SendDeadline deadline;

	AcsEmailProvider(HttpClient httpClient, ChannelsProperties.Acs properties, Clock clock) {
		this.httpClient = httpClient;
		this.properties = properties;
		this.deadline = new SendDeadline(properties.sendDeadline());
		this.clock = clock;
		this.repeatability = new RepeatabilityWindow(clock);
	}

	@Override
	public Duration sendDeadline() {
		return this.deadline.limit();
	}

	@Override
	public boolean supports(Channel channel, String configuredProvider) {
		return channel == Channel.EMAIL && "ACS".equalsIgnoreCase(configuredProvider);
	}

	@Override
	public DeliveryOutcome send(OutboundMessage message) {
		if (!(message.settings() instanceof AcsSettings settings)) {
			return new DeliveryOutcome.Permanent("EMAIL/ACS settings are missing", null);
		}
		String connectionString = settings.connectionString();
		String sender = settings.sender();
		if (isBlank(message.address())) {
			return new DeliveryOutcome.Permanent("The recipient has no e-mail address", null);
		}
		String host = endpointHost(connectionString);
		if (host == null) {
			return new DeliveryOutcome.Permanent("The ACS connection string is not valid", null);
		}
		if (!this.properties.allowsHost(host)) {
			// tenants must not make the worker call arbitrary hosts
			// (herald.channels.acs.allowed-endpoint-hosts)
			return new DeliveryOutcome.Permanent("The ACS endpoint host is not allowed: " + host, null);
		}
		EmailClient client;
		try {
			client = this.clients.get(connectionString, this::newClient);
		}
		catch (RuntimeException ex) {
			// the SDK's message may quote the connection string, which holds the key
			return new DeliveryOutcome.Permanent("The ACS connection string is not valid", null);
		}
		DeliveryOutcome outcome = send(client, message, sender);
		if (!(outcome instanceof DeliveryOutcome.Retry)) {
			this.repeatability.settled(message.messageId());
		}
		return outcome;
	}

	private DeliveryOutcome send(EmailClient client, OutboundMessage message, String sender) {
		AcsCall call = new AcsCall(message.messageId(), this.repeatability.firstSent(message.messageId()));
		EmailMessage email = new EmailMessage().setSenderAddress(sender)
			.setToRecipients(message.address())
			.setSubject((message.subject() != null) ? message.subject() : "")
			.setBodyHtml((message.body() != null) ? message.body() : "");
		try {
			// the interrupt at the deadline cancels the SDK's blocking wait and its
			// request
			this.deadline.run(() -> client.beginSend(email, new Context(AcsCall.CONTEXT_KEY, call)), () -> {
			});
			return new DeliveryOutcome.Sent(call.operationId(), call.status());
		}
		catch (SendDeadline.Exceeded ex) {
			return this.deadline.exceeded("ACS");
		}
		catch (HttpResponseException ex) {
			return rejected(ex, message);
		}
		catch (IllegalArgumentException ex) {
			return new DeliveryOutcome.Permanent("ACS refused the request: " + ex.getMessage(), null);
		}
		catch (RuntimeException ex) {
			Throwable cause = Exceptions.unwrap(ex);
			// the SDK's text may name the tenant's endpoint or the recipient: the kind
			// at INFO, the text only at DEBUG
			log.info("ACS send failed notificationId={} tenantId={} error={}", message.notificationId(),
					message.tenantId(), ProviderErrors.transportFailure(cause));
			log.debug("ACS send failure notificationId={} detail={}", message.notificationId(),
					LogSafe.of(cause.toString()));
			return new DeliveryOutcome.Retry("ACS unreachable: " + ProviderErrors.transportFailure(cause), null, null);
		}
	}

	private DeliveryOutcome rejected(HttpResponseException ex, OutboundMessage message) {
		HttpResponse response = ex.getResponse();
		int status = (response != null) ? response.getStatusCode() : 0;
		String error = "ACS answered " + status + ": " + ex.getMessage();
		// 409: the same request is still in progress; 412: our first-sent fell out of
		// ACS's window
		boolean transientStatus = status == 408 || status == 409 || status == 412 || status == 429 || status >= 500
				|| status == 0;
		if (status == 412) {
			this.repeatability.settled(message.messageId());
		}
		if (transientStatus) {
			return new DeliveryOutcome.Retry(error, (status != 0) ? status : null, retryAfter(response));
		}
		return new DeliveryOutcome.Permanent(error, status);
	}

	private Duration retryAfter(HttpResponse response) {
		if (response == null) {
			return null;
		}
		Duration millis = RetryAfterParser.millis(response.getHeaderValue(HttpHeaderName.RETRY_AFTER_MS));
		if (millis == null) {
			millis = RetryAfterParser.millis(response.getHeaderValue(HttpHeaderName.X_MS_RETRY_AFTER_MS));
		}
		return (millis != null) ? millis
				: RetryAfterParser.seconds(response.getHeaderValue(HttpHeaderName.RETRY_AFTER), this.clock);
	}

	private EmailClient newClient(String connectionString) {
		return new EmailClientBuilder().connectionString(connectionString)
			.httpClient(this.httpClient)
			.retryOptions(NO_SDK_RETRIES)
			.addPolicy(new AcsIdempotencyPolicy())
			.buildClient();
	}

	/** The host of {@code endpoint=https://host/;accesskey=...}, or null. */
	private static String endpointHost(String connectionString) {
		for (String part : connectionString.split(";")) {
			int equals = part.indexOf('=');
			if (equals > 0 && part.substring(0, equals).trim().equalsIgnoreCase("endpoint")) {
				try {
					return URI.create(part.substring(equals + 1).trim()).getHost();
				}
				catch (IllegalArgumentException ex) {
					return null;
				}
			}
		}
		return null;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
