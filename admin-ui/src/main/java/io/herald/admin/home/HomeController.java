package io.herald.admin.home;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.herald.admin.web.ConsoleScope;
import io.herald.core.notification.DeliveryOverview;
import io.herald.core.notification.NotificationStatistics;
import io.herald.core.notification.NotificationStatus;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantManagement;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard, the page every user lands on after sign-in: the last 24 hours of the
 * tenant in view (or of all tenants, for an operator).
 */
@Controller
class HomeController {

	static final Duration WINDOW = Duration.ofHours(24);

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:00").withZone(ZoneOffset.UTC);

	private final NotificationStatistics statistics;

	private final TenantManagement tenants;

	private final JsonMapper json;

	private final PipelineGauges gauges;

	HomeController(NotificationStatistics statistics, TenantManagement tenants, JsonMapper json,
			PipelineGauges gauges) {
		this.statistics = statistics;
		this.tenants = tenants;
		this.json = json;
		this.gauges = gauges;
	}

	@GetMapping("/")
	String dashboard(ConsoleScope scope, Model model) {
		DeliveryOverview overview = this.statistics.overview(scope.tenantId(), WINDOW);
		model.addAttribute("overview", overview);
		model.addAttribute("since", overview.since().toString());
		model.addAttribute("dead", overview.count(NotificationStatus.DEAD));
		model.addAttribute("failed", overview.count(NotificationStatus.FAILED));
		model.addAttribute("sent", overview.count(NotificationStatus.SENT));
		model.addAttribute("hours",
				overview.hours()
					.stream()
					.map((hour) -> new HourRow(HOUR.format(hour.start()), hour.events(), hour.notifications()))
					.toList());
		model.addAttribute("channels", channelRows(overview));
		model.addAttribute("perHourChart", this.json.writeValueAsString(perHourChart(overview)));
		model.addAttribute("byStatusChart", this.json.writeValueAsString(byStatusChart(overview)));
		Map<UUID, String> slugs = scope.operator()
				? this.tenants.list().stream().collect(Collectors.toMap(Tenant::getId, Tenant::getSlug)) : Map.of();
		model.addAttribute("failing", overview.topFailing()
			.stream()
			.map((row) -> new FailingRow(row.subscriptionId().toString(), slugs.getOrDefault(row.tenantId(), ""),
					row.eventType(), row.templateName(), row.channel(), row.failures()))
			.toList());
		model.addAttribute("consumerLag", this.gauges.consumerLag());
		model.addAttribute("deadLetters", scope.operator() ? this.gauges.deadLetters() : null);
		return "home";
	}

	private static Map<String, Object> perHourChart(DeliveryOverview overview) {
		return Map.of("type", "line", "labels",
				overview.hours().stream().map((hour) -> HOUR.format(hour.start())).toList(), "datasets",
				List.of(dataset("Events", overview.hours().stream().map(DeliveryOverview.Hour::events).toList()),
						dataset("Notifications",
								overview.hours().stream().map(DeliveryOverview.Hour::notifications).toList())));
	}

	private static Map<String, Object> byStatusChart(DeliveryOverview overview) {
		List<String> channels = overview.byStatusAndChannel()
			.stream()
			.map(DeliveryOverview.StatusCount::channel)
			.distinct()
			.sorted()
			.toList();
		List<Map<String, Object>> datasets = overview.byStatusAndChannel()
			.stream()
			.map(DeliveryOverview.StatusCount::status)
			.distinct()
			.sorted()
			.map((status) -> dataset(status.name(),
					channels.stream().map((channel) -> count(overview, status, channel)).toList()))
			.toList();
		return Map.of("type", "bar", "stacked", true, "labels", channels, "datasets", datasets);
	}

	private static List<ChannelRow> channelRows(DeliveryOverview overview) {
		Map<String, Map<NotificationStatus, Long>> byChannel = new LinkedHashMap<>();
		overview.byStatusAndChannel()
			.forEach((row) -> byChannel.computeIfAbsent(row.channel(), (c) -> new LinkedHashMap<>())
				.merge(row.status(), row.count(), Long::sum));
		return byChannel.entrySet()
			.stream()
			.map((entry) -> new ChannelRow(entry.getKey(),
					entry.getValue()
						.entrySet()
						.stream()
						.map((status) -> status.getKey().name() + " " + status.getValue())
						.collect(Collectors.joining(", "))))
			.toList();
	}

	private static long count(DeliveryOverview overview, NotificationStatus status, String channel) {
		return overview.byStatusAndChannel()
			.stream()
			.filter((row) -> row.status() == status && row.channel().equals(channel))
			.mapToLong(DeliveryOverview.StatusCount::count)
			.sum();
	}

	private static Map<String, Object> dataset(String label, List<Long> data) {
		return Map.of("label", label, "data", data);
	}

	record HourRow(String hour, long events, long notifications) {

	}

	record ChannelRow(String channel, String counts) {

	}

	record FailingRow(String subscriptionId, String tenant, String eventType, String template, String channel,
			long failures) {

	}

}
