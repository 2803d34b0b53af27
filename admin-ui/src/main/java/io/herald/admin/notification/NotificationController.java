package io.herald.admin.notification;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.herald.admin.web.ConsoleScope;
import io.herald.admin.web.PageNotFoundException;
import io.herald.core.notification.NotificationDetails;
import io.herald.core.notification.NotificationFilter;
import io.herald.core.notification.NotificationPage;
import io.herald.core.notification.NotificationSearch;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantManagement;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The notifications explorer: filter, page with a cursor, open one to see what was
 * rendered, every attempt and the event.
 */
@Controller
class NotificationController {

	static final int PAGE_SIZE = 50;

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final NotificationSearch search;

	private final TenantManagement tenants;

	NotificationController(NotificationSearch search, TenantManagement tenants) {
		this.search = search;
		this.tenants = tenants;
	}

	@GetMapping("/notifications")
	String list(@ModelAttribute("filter") ExplorerFilter filter, ConsoleScope scope, Model model) {
		List<String> problems = new ArrayList<>();
		NotificationFilter query = new NotificationFilter(status(filter.status(), problems),
				blankToNull(filter.channel()), filter.eventType(), filter.eventId(), filter.recipient(),
				uuid(filter.subscription(), problems), time(filter.from(), "From", problems),
				time(filter.to(), "To", problems));
		if (filter.params().values().stream().anyMatch((value) -> value.length() > 500)) {
			problems.add("Filters are at most 500 characters long.");
		}
		NotificationPage page = new NotificationPage(List.of(), null);
		if (problems.isEmpty()) {
			try {
				page = this.search.search(scope.tenantId(), query, filter.cursor(), PAGE_SIZE);
			}
			catch (IllegalArgumentException ex) {
				problems.add("The page link is out of date: start again from the first page.");
			}
		}
		Map<UUID, String> slugs = scope.operator()
				? this.tenants.list().stream().collect(Collectors.toMap(Tenant::getId, Tenant::getSlug)) : Map.of();
		model.addAttribute("problems", problems);
		model.addAttribute("rows",
				page.items()
					.stream()
					.map((n) -> new Row(n.id().toString(), slugs.getOrDefault(n.tenantId(), ""), n.eventType(),
							n.eventId(), n.channel(), n.recipient(), n.status().name(), n.statusReason(), n.attempts(),
							TIME.format(n.createdAt())))
					.toList());
		if (page.nextCursor() != null) {
			// values as URI variables: encoded strictly, so that a filter holding '&',
			// '+'
			// or braces comes back on the next page as it was typed
			UriComponentsBuilder next = UriComponentsBuilder.fromPath("/notifications");
			Map<String, String> values = new LinkedHashMap<>(filter.params());
			values.put("cursor", page.nextCursor());
			values.keySet().forEach((name) -> next.queryParam(name, "{" + name + "}"));
			model.addAttribute("nextPage", next.encode().buildAndExpand(values).toUriString());
		}
		model.addAttribute("statuses", Arrays.stream(NotificationStatus.values()).map(Enum::name).toList());
		model.addAttribute("channels", List.of("WEBHOOK", "EMAIL", "PUSH"));
		return "notifications";
	}

	@GetMapping("/notifications/{id}")
	String show(@PathVariable UUID id, ConsoleScope scope, Model model) {
		NotificationDetails details = this.search.find(scope.tenantId(), id).orElseThrow(PageNotFoundException::new);
		model.addAttribute("n", details);
		model.addAttribute("created", TIME.format(details.summary().createdAt()));
		model.addAttribute("attempts",
				details.attempts()
					.stream()
					.map((a) -> new AttemptRow(a.number(), TIME.format(a.startedAt()), a.latencyMs(), a.outcome(),
							(a.httpStatus() != null) ? a.httpStatus().toString() : "—", a.error()))
					.toList());
		model.addAttribute("eventReceived",
				(details.event() != null) ? TIME.format(details.event().receivedAt()) : null);
		return "notification";
	}

	private static NotificationStatus status(String value, List<String> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return NotificationStatus.valueOf(value);
		}
		catch (IllegalArgumentException ex) {
			problems.add("Status: choose one from the list.");
			return null;
		}
	}

	private static UUID uuid(String value, List<String> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException ex) {
			problems.add("Subscription: not a subscription id.");
			return null;
		}
	}

	/**
	 * An instant (2026-11-28T22:00:00Z) or a browser's local date and time, read as UTC.
	 */
	static Instant time(String value, String label, List<String> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException again) {
				problems.add(label + ": use a date and time such as 2026-11-28T14:30 (UTC).");
				return null;
			}
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/**
	 * The explorer's filter as it appears in the address bar, so that links (from the
	 * dashboard, between pages) carry it.
	 */
	record ExplorerFilter(String status, String channel, String eventType, String eventId, String recipient,
			String subscription, String from, String to, String cursor) {

		/** The filter's query string without the cursor, for the next-page link. */
		public Map<String, String> params() {
			Map<String, String> params = new java.util.LinkedHashMap<>();
			put(params, "status", this.status);
			put(params, "channel", this.channel);
			put(params, "eventType", this.eventType);
			put(params, "eventId", this.eventId);
			put(params, "recipient", this.recipient);
			put(params, "subscription", this.subscription);
			put(params, "from", this.from);
			put(params, "to", this.to);
			return params;
		}

		private static void put(Map<String, String> params, String name, String value) {
			if (value != null && !value.isBlank()) {
				params.put(name, value);
			}
		}

	}

	record Row(String id, String tenant, String eventType, String eventId, String channel, String recipient,
			String status, String reason, int attempts, String created) {

	}

	record AttemptRow(int number, String started, long latencyMs, String outcome, String httpStatus, String error) {

	}

}
