package io.herald.admin.replay;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.herald.core.replay.ReplayFilter;
import io.herald.core.replay.ReplayKind;
import io.herald.core.replay.ReplayRequest;

/**
 * The replay and backfill forms as the address bar and the confirmation form carry them:
 * strings as typed, turned into core's {@link ReplayRequest} with readable problems.
 *
 * @param kind {@code NOTIFICATIONS} (replay failed notifications) or {@code EVENTS}
 * (backfill)
 * @param status {@code DEAD} and/or {@code FAILED}; none means both
 * @param eventIds one event id per line ({@code EVENTS} only)
 * @param from UTC date and time, e.g. 2026-11-28T14:30
 * @param ratePerSecond 1 to 1000 as typed; blank: the worker's default
 * ({@code herald.replay.rate-per-second}), as in the API
 * @param newMessageId {@code true} (a ticked box) to give requeued notifications a new
 * receiver-facing message id ({@code NOTIFICATIONS} only); anything else: keep the old
 * one
 */
record ReplayForm(String kind, List<String> status, String channel, String eventType, String subscription,
		String errorContains, String from, String to, String eventIds, String ratePerSecond, String newMessageId) {

	static final int MAX_FIELD = 500;

	/** The bounds of core's {@code ReplayRequest.ratePerSecond}. */
	static final int MIN_RATE = 1;

	static final int MAX_RATE = 1000;

	static final String RATE_PROBLEM = "Rate: a whole number of %s per second from " + MIN_RATE + " to " + MAX_RATE
			+ ", or blank for the worker's default.";

	/** The fields that are options of the job rather than its filter. */
	static final List<String> OPTIONS = List.of("ratePerSecond", "newMessageId");

	static ReplayForm empty(ReplayKind kind) {
		return new ReplayForm(kind.name(), List.of(), null, null, null, null, null, null, null, null, null);
	}

	/**
	 * Whether a field of {@link #params()} is an option of the job rather than its
	 * filter.
	 */
	public boolean isOption(String field) {
		return OPTIONS.contains(field);
	}

	public boolean renewsMessageId() {
		return "true".equalsIgnoreCase(blank(this.newMessageId) ? "" : this.newMessageId.strip());
	}

	/** The job's options as people read them, for the dry run. */
	public Map<String, String> options() {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("Rate", describeRate(rate(new ArrayList<>()), events()));
		if (!events()) {
			options.put("New message id", describeNewMessageId(renewsMessageId()));
		}
		return options;
	}

	/** A job's rate as the dry run and the job's page say it. */
	static String describeRate(Integer rate, boolean events) {
		return (rate != null) ? rate + (events ? " events" : " notifications") + " per second"
				: "the worker's default (herald.replay.rate-per-second)";
	}

	static String describeNewMessageId(boolean renew) {
		return renew ? "yes: receivers see a new webhook-id / message id" : "no: the same id as before";
	}

	public ReplayKind replayKind() {
		return "EVENTS".equalsIgnoreCase(blank(this.kind) ? "" : this.kind.strip()) ? ReplayKind.EVENTS
				: ReplayKind.NOTIFICATIONS;
	}

	public boolean events() {
		return replayKind() == ReplayKind.EVENTS;
	}

	public boolean hasStatus(String value) {
		return this.status != null && this.status.contains(value);
	}

	/** Core's request, or null with the problems added. */
	ReplayRequest request(boolean dryRun, List<String> problems) {
		List<String> found = new ArrayList<>();
		if (Arrays.asList(this.channel, this.eventType, this.subscription, this.errorContains, this.from, this.to)
			.stream()
			.anyMatch((value) -> value != null && value.length() > MAX_FIELD)) {
			found.add("Filters are at most " + MAX_FIELD + " characters long.");
		}
		if (this.eventIds != null && this.eventIds.length() > 210_000) {
			found.add("Event ids: at most 1,000 ids.");
		}
		Instant start = time(this.from, "From", found);
		Instant end = time(this.to, "To", found);
		UUID subscriptionId = subscriptionId(found);
		Integer rate = rate(found);
		if (events() && renewsMessageId()) {
			found.add("New message id: only a replay of notifications gives them new message ids; "
					+ "a backfill creates new notifications, which have new ids anyway.");
		}
		List<String> ids = eventIdList();
		if (ids != null && ids.size() > 1000) {
			found.add("Event ids: at most 1,000 ids, one per line.");
		}
		if (ids != null && ids.stream().anyMatch((id) -> id.length() > 200)) {
			found.add("Event ids: each at most 200 characters.");
		}
		problems.addAll(found);
		if (!found.isEmpty()) {
			return null;
		}
		boolean events = events();
		ReplayFilter filter = new ReplayFilter(events ? null : statuses(), events ? null : trimmed(this.channel),
				trimmed(this.eventType), subscriptionId, events ? null : emptyToNull(this.errorContains), start, end,
				events ? ids : null);
		return new ReplayRequest(replayKind().name(), dryRun, filter, rate, !events && renewsMessageId());
	}

	/** The fields as request parameters, for the confirmation form and links. */
	Map<String, List<String>> params() {
		Map<String, List<String>> params = new LinkedHashMap<>();
		params.put("kind", List.of(replayKind().name()));
		if (!events() && this.status != null && !this.status.isEmpty()) {
			params.put("status", statuses());
		}
		put(params, "channel", events() ? null : this.channel);
		put(params, "eventType", this.eventType);
		put(params, "subscription", this.subscription);
		put(params, "errorContains", events() ? null : this.errorContains);
		put(params, "from", this.from);
		put(params, "to", this.to);
		put(params, "eventIds", events() ? this.eventIds : null);
		put(params, "ratePerSecond", (this.ratePerSecond != null) ? this.ratePerSecond.strip() : null);
		if (!events() && renewsMessageId()) {
			params.put("newMessageId", List.of("true"));
		}
		return params;
	}

	/** The rate typed, null when blank (or wrong, with the problem added). */
	private Integer rate(List<String> problems) {
		if (blank(this.ratePerSecond)) {
			return null;
		}
		String problem = RATE_PROBLEM.formatted(events() ? "events" : "notifications");
		String value = this.ratePerSecond.strip();
		if (value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
			problems.add(problem);
			return null;
		}
		int rate = Integer.parseInt(value);
		if (rate < MIN_RATE || rate > MAX_RATE) {
			problems.add(problem);
			return null;
		}
		return rate;
	}

	private List<String> statuses() {
		if (this.status == null || this.status.isEmpty()) {
			return null;
		}
		return this.status.stream().map((s) -> s.strip().toUpperCase(Locale.ROOT)).distinct().toList();
	}

	private List<String> eventIdList() {
		if (blank(this.eventIds)) {
			return null;
		}
		return this.eventIds.lines().map(String::strip).filter((line) -> !line.isEmpty()).distinct().toList();
	}

	private UUID subscriptionId(List<String> problems) {
		if (blank(this.subscription)) {
			return null;
		}
		try {
			return UUID.fromString(this.subscription.strip());
		}
		catch (IllegalArgumentException ex) {
			problems.add("Subscription: not a subscription id (copy it from the Subscriptions page).");
			return null;
		}
	}

	/**
	 * An instant (2026-11-28T22:00:00Z) or a browser's local date and time, read as UTC.
	 */
	private static Instant time(String value, String label, List<String> problems) {
		if (blank(value)) {
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

	private static void put(Map<String, List<String>> params, String name, String value) {
		if (!blank(value)) {
			params.put(name, List.of(value));
		}
	}

	private static String trimmed(String value) {
		return blank(value) ? null : value.strip();
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
