package io.herald.api.notification;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.herald.api.apikey.ApiCaller;
import io.herald.api.notification.NotificationViews.NotificationDetail;
import io.herald.api.notification.NotificationViews.NotificationSummary;
import io.herald.api.web.ProblemException;
import io.herald.core.channel.Channel;
import io.herald.core.delivery.DeliveryAttemptRepository;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationFilter;
import io.herald.core.notification.NotificationRepository;
import io.herald.core.notification.NotificationSearch;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.replay.NotificationReplays;
import io.herald.core.replay.ResendRequest;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Delivery history of the caller's tenant, and the resend of one notification.
 */
@Tag(name = "Notifications", description = "Delivery history: every notification with its attempts")
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {

	private final NotificationSearch search;

	private final NotificationRepository notifications;

	private final DeliveryAttemptRepository attempts;

	private final NotificationReplays replays;

	NotificationController(NotificationSearch search, NotificationRepository notifications,
			DeliveryAttemptRepository attempts, NotificationReplays replays) {
		this.search = search;
		this.notifications = notifications;
		this.attempts = attempts;
		this.replays = replays;
	}

	/**
	 * The tenant's notifications, newest first, filtered by any of the parameters
	 * ({@code from} inclusive, {@code to} exclusive, both ISO-8601 instants).
	 */
	@Operation(summary = "List notifications", description = "Scope `notifications:read`.")
	@GetMapping
	Page<NotificationSummary> list(@AuthenticationPrincipal ApiCaller caller,
			@RequestParam(required = false) String status, @RequestParam(required = false) String channel,
			@RequestParam(required = false) String eventType, @RequestParam(required = false) String eventId,
			@RequestParam(required = false) String recipient, @RequestParam(required = false) UUID subscriptionId,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		NotificationFilter filter = new NotificationFilter(status(status), channel(channel), eventType, eventId,
				recipient, subscriptionId, instant("from", from), instant("to", to));
		return this.search.search(Optional.of(caller.tenantId()), filter, PageQuery.of(limit, cursor))
			.map(NotificationSummary::of);
	}

	@Operation(summary = "Get a notification with its attempts", description = "Scope `notifications:read`.")
	@GetMapping("/{id}")
	@Transactional(readOnly = true)
	NotificationDetail get(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id) {
		Notification notification = this.notifications.findByIdAndTenantId(id, caller.tenantId())
			.orElseThrow(() -> ProblemException.notFound("Notification"));
		return NotificationDetail.of(notification,
				this.attempts.findAllByTenantIdAndNotificationIdOrderByAttemptNumberAsc(caller.tenantId(), id));
	}

	/**
	 * Requeues the notification as a new attempt series with the same id: 202 with it,
	 * now PENDING; 409 when its status does not allow it (see
	 * {@link NotificationReplays}).
	 */
	@Operation(summary = "Resend a notification",
			description = "Scope `replays:write`. Requeues it as a new attempt series with the same id: from FAILED and DEAD; from SENT only with force and a reason (else 409); never from SUPPRESSED (409).")
	@PostMapping("/{id}/resend")
	ResponseEntity<NotificationDetail> resend(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id,
			@RequestBody(required = false) ResendRequest request) {
		Notification resent = this.replays.resend(caller.scope(), id, request);
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(NotificationDetail.of(resent,
					this.attempts.findAllByTenantIdAndNotificationIdOrderByAttemptNumberAsc(caller.tenantId(), id)));
	}

	private static NotificationStatus status(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return NotificationStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.invalid("status", "must be one of " + List.of(NotificationStatus.values()));
		}
	}

	private static String channel(String channel) {
		return (channel == null || channel.isBlank()) ? null : Channel.parse("channel", channel).name();
	}

	private static Instant instant(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw ProblemException.invalid(field, "must be an ISO-8601 instant, e.g. 2026-11-26T10:00:00Z");
		}
	}

}
