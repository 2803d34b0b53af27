package io.herald.api.replay;

import java.util.UUID;

import io.herald.api.apikey.ApiCaller;
import io.herald.core.replay.ReplayJobView;
import io.herald.core.replay.ReplayManagement;
import io.herald.core.replay.ReplayRequest;
import io.herald.core.replay.ReplayScope;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's bulk replays of failed notifications: dry run, jobs, cancel.
 */
@Tag(name = "Replays", description = "Bulk replay of failed notifications: dry run, jobs, cancel")
@RestController
@RequestMapping(ReplayController.BASE)
class ReplayController {

	static final String BASE = "/api/v1/replays";

	private final ReplayManagement replays;

	ReplayController(ReplayManagement replays) {
		this.replays = replays;
	}

	/** Dry run: 200 with the count and a sample; otherwise 202 with the job. */
	@Operation(summary = "Dry-run or start a replay",
			description = "Scope `replays:write`. kind NOTIFICATIONS requeues failed notifications; kind EVENTS re-runs fan-out of stored events through today's subscriptions (backfill). With dryRun: 200 with the count and a sample (EVENTS: matched events and wouldCreate notifications), nothing changes. Otherwise 202 with the job and its Location.")
	@PostMapping
	ResponseEntity<?> create(@AuthenticationPrincipal ApiCaller caller, @Valid @RequestBody ReplayRequest request) {
		return ReplayResponses.create(this.replays, ReplayScope.of(caller.scope()), request, BASE);
	}

	/** Newest first. */
	@Operation(summary = "List replay jobs", description = "Scope `notifications:read`. Newest first.")
	@GetMapping
	Page<ReplayJobView> list(@AuthenticationPrincipal ApiCaller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return this.replays.page(ReplayScope.of(caller.scope()), PageQuery.of(limit, cursor));
	}

	@Operation(summary = "Get a replay job", description = "Scope `notifications:read`.")
	@GetMapping("/{id}")
	ReplayJobView get(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id) {
		return this.replays.get(ReplayScope.of(caller.scope()), id);
	}

	@Operation(summary = "Cancel a replay job", description = "Scope `replays:write`.")
	@PostMapping("/{id}/cancel")
	ReplayJobView cancel(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id) {
		return this.replays.cancel(ReplayScope.of(caller.scope()), id);
	}

}
