package io.herald.admin.replay;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.herald.admin.web.ConsoleScope;
import io.herald.core.error.ConflictException;
import io.herald.core.error.InvalidInputException;
import io.herald.core.replay.ReplayFilter;
import io.herald.core.replay.ReplayJobView;
import io.herald.core.replay.ReplayKind;
import io.herald.core.replay.ReplayManagement;
import io.herald.core.replay.ReplayPreview;
import io.herald.core.replay.ReplayRequest;
import io.herald.core.replay.ReplaySample;
import io.herald.core.replay.ReplayScope;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantManagement;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Replays of failed notifications and backfills of stored events: choose by filter, see a
 * dry run (count and sample), confirm, then follow the job (a worker runs it) on a page
 * whose progress bar htmx refreshes until the job ends; cancel. A tenant sees its own
 * jobs; an operator those of the tenant in the switcher, or every tenant's (and then
 * replays across tenants). The same core service as the API's {@code /replays}.
 */
@Controller
class ReplayController {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final ReplayManagement replays;

	private final TenantManagement tenants;

	ReplayController(ReplayManagement replays, TenantManagement tenants) {
		this.replays = replays;
		this.tenants = tenants;
	}

	@GetMapping("/replays")
	String list(ConsoleScope scope, Model model) {
		Map<UUID, String> slugs = slugs(scope);
		model.addAttribute("jobs",
				this.replays.list(replayScope(scope)).stream().map((job) -> JobRow.of(job, slugs)).toList());
		if (!model.containsAttribute("replay")) {
			model.addAttribute("replay", ReplayForm.empty(ReplayKind.NOTIFICATIONS));
		}
		if (!model.containsAttribute("backfill")) {
			model.addAttribute("backfill", ReplayForm.empty(ReplayKind.EVENTS));
		}
		model.addAttribute("channels", List.of("WEBHOOK", "EMAIL", "PUSH"));
		return "replays";
	}

	/** The dry run: counts and samples, changes nothing (a viewer may look too). */
	@GetMapping("/replays/dry-run")
	String dryRun(@ModelAttribute("form") ReplayForm form, ConsoleScope scope, Model model) {
		List<String> problems = new ArrayList<>();
		ReplayRequest request = form.request(true, problems);
		if (request != null) {
			try {
				if (form.events()) {
					model.addAttribute("backfillPreview", this.replays.previewBackfill(replayScope(scope), request));
				}
				else {
					ReplayPreview preview = this.replays.preview(replayScope(scope), request);
					model.addAttribute("preview", preview);
					model.addAttribute("sample",
							preview.sample()
								.stream()
								.map((n) -> new SampleRow(n, TIME.format(n.createdAt())))
								.toList());
				}
			}
			catch (InvalidInputException ex) {
				ex.problems().forEach((problem) -> problems.add(describe(problem.field(), problem.message())));
			}
		}
		model.addAttribute("problems", problems);
		model.addAttribute("params", form.params());
		model.addAttribute("slugs", slugs(scope));
		return "replay-dry-run";
	}

	@PostMapping("/replays")
	String create(@ModelAttribute("form") ReplayForm form, ConsoleScope scope, Model model,
			RedirectAttributes redirect) {
		List<String> problems = new ArrayList<>();
		ReplayRequest request = form.request(false, problems);
		if (request != null) {
			try {
				ReplayJobView job = this.replays.create(replayScope(scope), request);
				redirect.addFlashAttribute("saved",
						form.events() ? "Backfill started: a worker picks it up within seconds."
								: "Replay started: a worker picks it up within seconds.");
				return "redirect:/replays/" + job.id();
			}
			catch (InvalidInputException ex) {
				ex.problems().forEach((problem) -> problems.add(describe(problem.field(), problem.message())));
			}
		}
		model.addAttribute("problems", problems);
		model.addAttribute("params", form.params());
		model.addAttribute("slugs", slugs(scope));
		return "replay-dry-run";
	}

	@GetMapping("/replays/{id}")
	String show(@PathVariable UUID id, ConsoleScope scope, Model model) {
		ReplayJobView job = this.replays.get(replayScope(scope), id);
		model.addAttribute("job", JobRow.of(job, slugs(scope)));
		return "replay";
	}

	/** The progress bar alone, polled by htmx while the job is open. */
	@GetMapping("/replays/{id}/progress")
	String progress(@PathVariable UUID id, ConsoleScope scope, Model model) {
		show(id, scope, model);
		return "replay :: progress";
	}

	@PostMapping("/replays/{id}/cancel")
	String cancel(@PathVariable UUID id, ConsoleScope scope, RedirectAttributes redirect) {
		try {
			this.replays.cancel(replayScope(scope), id);
			redirect.addFlashAttribute("saved",
					"Cancelled. Notifications already requeued stay requeued; nothing else is touched.");
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("problem", "The job had already ended: nothing to cancel.");
		}
		return "redirect:/replays/" + id;
	}

	/**
	 * A tenant member's replays are their tenant's; an operator's those of the tenant in
	 * the switcher, or every tenant's.
	 */
	static ReplayScope replayScope(ConsoleScope scope) {
		return scope.operator() ? ReplayScope.operator(scope.actor(), scope.tenantId().orElse(null))
				: ReplayScope.of(scope.tenantScope());
	}

	private Map<UUID, String> slugs(ConsoleScope scope) {
		return scope.operator() ? this.tenants.list().stream().collect(Collectors.toMap(Tenant::getId, Tenant::getSlug))
				: Map.of();
	}

	private static String describe(String field, String message) {
		String name = switch (field) {
			case "filter.status" -> "Status";
			case "filter.channel" -> "Channel";
			case "filter.to" -> "To";
			case "filter.from" -> "From";
			case "filter.eventIds" -> "Event ids";
			case "filter.eventType" -> "Event type";
			case "ratePerSecond" -> "Rate";
			case "newMessageId" -> "New message id";
			default -> "Filter";
		};
		return name + ": " + message + ".";
	}

	record SampleRow(ReplaySample n, String created) {

	}

	/**
	 * A job as its page and the list show it.
	 *
	 * @param tenant the tenant's slug for an operator, "all tenants" for a job over all
	 */
	record JobRow(ReplayJobView view, String tenant, String kind, String status, String created, String started,
			String finished, String result, boolean open, Integer percent, String filter, String rate,
			String newMessageId) {

		static JobRow of(ReplayJobView job, Map<UUID, String> slugs) {
			String tenant = (job.tenantId() != null) ? slugs.getOrDefault(job.tenantId(), "") : "all tenants";
			boolean events = job.kind() == ReplayKind.EVENTS;
			return new JobRow(job, tenant, events ? "Event backfill" : "Notification replay", status(job),
					TIME.format(job.createdAt()), (job.startedAt() != null) ? TIME.format(job.startedAt()) : "—",
					(job.finishedAt() != null) ? TIME.format(job.finishedAt()) : "—", result(job), job.status().open(),
					percent(job), describe(job.filter()), ReplayForm.describeRate(job.ratePerSecond(), events),
					events ? null : ReplayForm.describeNewMessageId(job.newMessageId()));
		}

		/** The filter as people read it: only the fields that narrow. */
		static String describe(ReplayFilter filter) {
			List<String> parts = new ArrayList<>();
			if (filter.status() != null && !filter.status().isEmpty()) {
				parts.add("status " + String.join(" or ", filter.status()));
			}
			add(parts, "channel", filter.channel());
			add(parts, "event type", filter.eventType());
			add(parts, "subscription", (filter.subscriptionId() != null) ? filter.subscriptionId().toString() : null);
			add(parts, "error contains", filter.errorContains());
			add(parts, "from", (filter.from() != null) ? TIME.format(filter.from()) : null);
			add(parts, "before", (filter.to() != null) ? TIME.format(filter.to()) : null);
			if (filter.eventIds() != null && !filter.eventIds().isEmpty()) {
				parts.add(filter.eventIds().size() + " event id(s)");
			}
			return parts.isEmpty() ? "everything (no filter)" : String.join("; ", parts);
		}

		private static void add(List<String> parts, String label, String value) {
			if (value != null && !value.isEmpty()) {
				parts.add(label + " " + value);
			}
		}

		private static String status(ReplayJobView job) {
			return switch (job.status()) {
				case PENDING -> "Waiting for a worker";
				case RUNNING -> "Running";
				case SUCCEEDED -> "Finished";
				case FAILED -> "Failed";
				case CANCELLED -> "Cancelled";
			};
		}

		private static String result(ReplayJobView job) {
			if (job.kind() == ReplayKind.EVENTS) {
				return job.processed() + " of " + job.matched() + " events handled: " + job.created()
						+ " notifications created, " + job.skipped() + " events needed nothing new";
			}
			return job.processed() + " of " + job.matched() + " notifications handled: " + job.requeued()
					+ " requeued, " + job.skipped() + " skipped (their state changed since)";
		}

		private static Integer percent(ReplayJobView job) {
			if (job.matched() <= 0) {
				return job.status().open() ? null : 100;
			}
			return (int) Math.min(100, (100L * job.processed()) / job.matched());
		}

	}

}
