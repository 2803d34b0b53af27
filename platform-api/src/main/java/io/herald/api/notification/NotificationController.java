package io.herald.api.notification;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.herald.api.apikey.ApiCaller;
import io.herald.api.notification.NotificationViews.NotificationDetail;
import io.herald.api.notification.NotificationViews.NotificationList;
import io.herald.api.notification.NotificationViews.NotificationSummary;
import io.herald.api.web.ProblemException;
import io.herald.core.delivery.DeliveryAttemptRepository;
import io.herald.core.notification.Notification;
import io.herald.core.notification.NotificationRepository;
import io.herald.core.notification.NotificationStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only delivery history of the caller's tenant.
 */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {

	private final NotificationRepository notifications;

	private final DeliveryAttemptRepository attempts;

	NotificationController(NotificationRepository notifications, DeliveryAttemptRepository attempts) {
		this.notifications = notifications;
		this.attempts = attempts;
	}

	/**
	 * Notifications of one event (oldest first), or the newest ones; optionally only
	 * those with a status.
	 */
	@GetMapping
	@Transactional(readOnly = true)
	NotificationList list(@AuthenticationPrincipal ApiCaller caller, @RequestParam(required = false) String eventId,
			@RequestParam(required = false) String status,
			@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
		NotificationStatus wanted = status(status);
		List<Notification> found;
		if (eventId != null) {
			found = this.notifications.findAllByTenantIdAndEventIdOrderByCreatedAtAsc(caller.tenantId(), eventId)
				.stream()
				.filter((notification) -> wanted == null || notification.getStatus() == wanted)
				.limit(limit)
				.toList();
		}
		else if (wanted != null) {
			found = this.notifications.findAllByTenantIdAndStatusOrderByCreatedAtDesc(caller.tenantId(), wanted,
					PageRequest.of(0, limit));
		}
		else {
			found = this.notifications.findAllByTenantIdOrderByCreatedAtDesc(caller.tenantId(),
					PageRequest.of(0, limit));
		}
		return new NotificationList(found.stream().map(NotificationSummary::of).toList());
	}

	@GetMapping("/{id}")
	@Transactional(readOnly = true)
	NotificationDetail get(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id) {
		Notification notification = this.notifications.findByIdAndTenantId(id, caller.tenantId())
			.orElseThrow(() -> ProblemException.notFound("Notification"));
		return NotificationDetail.of(notification,
				this.attempts.findAllByTenantIdAndNotificationIdOrderByAttemptNumberAsc(caller.tenantId(), id));
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

}
