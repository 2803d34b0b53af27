package io.herald.api.replay;

import java.util.List;
import java.util.UUID;

import io.herald.api.apikey.ApiCaller;
import io.herald.core.replay.ReplayJobView;
import io.herald.core.replay.ReplayManagement;
import io.herald.core.replay.ReplayRequest;
import io.herald.core.replay.ReplayScope;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's bulk replays of failed notifications: dry run, jobs, cancel.
 */
@RestController
@RequestMapping(ReplayController.BASE)
class ReplayController {

	static final String BASE = "/api/v1/replays";

	private final ReplayManagement replays;

	ReplayController(ReplayManagement replays) {
		this.replays = replays;
	}

	/** Dry run: 200 with the count and a sample; otherwise 202 with the job. */
	@PostMapping
	ResponseEntity<?> create(@AuthenticationPrincipal ApiCaller caller, @Valid @RequestBody ReplayRequest request) {
		return ReplayResponses.create(this.replays, ReplayScope.of(caller.scope()), request, BASE);
	}

	@GetMapping
	ReplayJobList list(@AuthenticationPrincipal ApiCaller caller) {
		return new ReplayJobList(this.replays.list(ReplayScope.of(caller.scope())));
	}

	@GetMapping("/{id}")
	ReplayJobView get(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id) {
		return this.replays.get(ReplayScope.of(caller.scope()), id);
	}

	@PostMapping("/{id}/cancel")
	ReplayJobView cancel(@AuthenticationPrincipal ApiCaller caller, @PathVariable UUID id) {
		return this.replays.cancel(ReplayScope.of(caller.scope()), id);
	}

	record ReplayJobList(List<ReplayJobView> items) {
	}

}
