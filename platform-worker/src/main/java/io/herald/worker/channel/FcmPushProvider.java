package io.herald.worker.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.firebase.ErrorCode;
import com.google.firebase.IncomingHttpResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.Notification;
import io.herald.core.channel.Channel;
import io.herald.core.channel.FcmSettings;
import io.herald.core.support.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push through Firebase Cloud Messaging ({@code firebase-admin}) with the tenant's
 * service account. A token FCM no longer knows ({@code UNREGISTERED}, or
 * {@code INVALID_ARGUMENT} about the registration token) is removed from the tenant's
 * recipients and the attempt fails permanently.
 *
 * <p>
 * FCM has no idempotency key: the notification id and the message id travel in the data
 * payload ({@code notificationId}, {@code messageId}) so that apps can drop a duplicate.
 * Note that firebase-admin itself retries {@code 503} up to four times (honouring
 * {@code Retry-After}) before reporting {@code UNAVAILABLE};
 * {@code herald.channels.fcm.send-deadline} bounds the whole send, those retries and the
 * token request included.
 */
public class FcmPushProvider implements ChannelProvider {

	private static final Logger log = LoggerFactory.getLogger(FcmPushProvider.class);

	private final FcmApps apps;

	private final PushTokenCleaner tokens;

	private final Clock clock;

	private final SendDeadline deadline;

	FcmPushProvider(FcmApps apps, PushTokenCleaner tokens, Clock clock, Duration sendDeadline) {
		this.apps = apps;
		this.tokens = tokens;
		this.clock = clock;
		this.deadline = new SendDeadline(sendDeadline);
	}

	@Override
	public Duration sendDeadline() {
		return this.deadline.limit();
	}

	@Override
	public boolean supports(Channel channel, String configuredProvider) {
		return channel == Channel.PUSH && "FCM".equalsIgnoreCase(configuredProvider);
	}

	@Override
	public DeliveryOutcome send(OutboundMessage message) {
		if (!(message.settings() instanceof FcmSettings settings)) {
			return new DeliveryOutcome.Permanent("PUSH/FCM settings are missing", null);
		}
		String serviceAccountJson = settings.serviceAccountJson();
		if (message.address() == null || message.address().isBlank()) {
			return new DeliveryOutcome.Permanent("The recipient has no push token", null);
		}
		FirebaseMessaging messaging;
		try {
			messaging = this.apps.messaging(serviceAccountJson);
		}
		catch (IllegalArgumentException ex) {
			return new DeliveryOutcome.Permanent(ex.getMessage(), null);
		}
		Message fcm = toFcm(message);
		try {
			// the interrupt at the deadline ends socket reads and firebase-admin's own
			// retry sleeps alike
			String name = this.deadline.run(() -> messaging.send(fcm), () -> {
			});
			return new DeliveryOutcome.Sent(name, 200);
		}
		catch (SendDeadline.Exceeded ex) {
			return this.deadline.exceeded("FCM");
		}
		catch (FirebaseMessagingException ex) {
			return failed(ex, message);
		}
	}

	private static Message toFcm(OutboundMessage message) {
		Message.Builder builder = Message.builder()
			.setToken(message.address())
			.setNotification(Notification.builder().setTitle(message.subject()).setBody(message.body()).build())
			.putData("notificationId", message.notificationId().toString())
			.putData("messageId", message.messageId().toString());
		if (message.eventId() != null) {
			builder.putData("eventId", message.eventId());
		}
		if (message.eventType() != null) {
			builder.putData("eventType", message.eventType());
		}
		return builder.build();
	}

	private DeliveryOutcome failed(FirebaseMessagingException ex, OutboundMessage message) {
		IncomingHttpResponse response = ex.getHttpResponse();
		Integer status = (response != null) ? response.getStatusCode() : null;
		MessagingErrorCode code = ex.getMessagingErrorCode();
		String error = "FCM " + ((code != null) ? code : ex.getErrorCode()) + ": " + ex.getMessage();
		if (tokenIsDead(ex)) {
			removeToken(message);
			return new DeliveryOutcome.Permanent(error, status);
		}
		if (isTransient(ex)) {
			return new DeliveryOutcome.Retry(error, status, retryAfter(response));
		}
		return new DeliveryOutcome.Permanent(error, status);
	}

	private static boolean tokenIsDead(FirebaseMessagingException ex) {
		MessagingErrorCode code = ex.getMessagingErrorCode();
		// INVALID_ARGUMENT also covers a malformed message: only a complaint about the
		// token condemns it
		return code == MessagingErrorCode.UNREGISTERED || (code == MessagingErrorCode.INVALID_ARGUMENT
				&& String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT).contains("registration token"));
	}

	private static boolean isTransient(FirebaseMessagingException ex) {
		MessagingErrorCode code = ex.getMessagingErrorCode();
		if (code != null) {
			return code == MessagingErrorCode.QUOTA_EXCEEDED || code == MessagingErrorCode.UNAVAILABLE
					|| code == MessagingErrorCode.INTERNAL;
		}
		ErrorCode generic = ex.getErrorCode();
		return switch (generic) {
			case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE, UNAUTHENTICATED, PERMISSION_DENIED, NOT_FOUND,
					ALREADY_EXISTS ->
				false;
			default -> true;
		};
	}

	private void removeToken(OutboundMessage message) {
		try {
			int holders = this.tokens.remove(message.tenantId(), message.address());
			log.info("Removed unregistered push token tenantId={} notificationId={} recipients={}", message.tenantId(),
					message.notificationId(), holders);
		}
		catch (RuntimeException ex) {
			// the next notification to this token gets the same answer and tries again
			log.warn("Could not remove unregistered push token tenantId={} notificationId={} cause={}",
					message.tenantId(), message.notificationId(), LogSafe.of(ex.getClass().getSimpleName()));
			log.debug("Could not remove unregistered push token notificationId={}", message.notificationId(), ex);
		}
	}

	private Duration retryAfter(IncomingHttpResponse response) {
		if (response == null) {
			return null;
		}
		for (Map.Entry<String, Object> header : response.getHeaders().entrySet()) {
			if ("retry-after".equalsIgnoreCase(header.getKey())) {
				Object value = header.getValue();
				if (value instanceof List<?> list) {
					value = list.isEmpty() ? null : list.get(0);
				}
				return RetryAfterParser.seconds((value != null) ? value.toString() : null, this.clock);
			}
		}
		return null;
	}

}
