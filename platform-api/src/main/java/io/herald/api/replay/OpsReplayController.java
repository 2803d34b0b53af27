package io.herald.api.replay;

import java.util.UUID;

import io.herald.core.audit.Actor;
import io.herald.core.error.NotFoundException;
import io.herald.core.replay.ReplayFilter;
import io.herald.core.replay.ReplayJobView;
import io.herald.core.replay.ReplayManagement;
import io.herald.core.replay.ReplayRequest;
import io.herald.core.replay.ReplayScope;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.herald.core.tenant.TenantRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' replays: the same body as a tenant's plus {@code tenant} (a slug; none means
 * all tenants); every job of every tenant is listed.
 */
@Tag(name = "Operators: replays", description = "Replays across tenants")
@RestController
@RequestMapping(OpsReplayController.BASE)
class OpsReplayController {

	static final String BASE = "/api/v1/ops/replays";

	private final ReplayManagement replays;

	private final TenantRepository tenants;

	OpsReplayController(ReplayManagement replays, TenantRepository tenants) {
		this.replays = replays;
		this.tenants = tenants;
	}

	@Operation(summary = "Dry-run or start a replay for one or every tenant")
	@PostMapping
	ResponseEntity<?> create(Authentication operator, @Valid @RequestBody OpsReplayRequest request) {
		ReplayScope scope = ReplayScope.operator(actor(operator), tenant(request.tenant()));
		return ReplayResponses.create(this.replays, scope, new ReplayRequest(request.kind(), request.dryRun(),
				request.filter(), request.ratePerSecond(), request.newMessageId()), BASE);
	}

	/** Every tenant's jobs, or one tenant's ({@code ?tenant=slug}), newest first. */
	@Operation(summary = "List every tenant's replay jobs")
	@GetMapping
	Page<ReplayJobView> list(Authentication operator, @RequestParam(required = false) String tenant,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		return this.replays.page(ReplayScope.operator(actor(operator), tenant(tenant)), PageQuery.of(limit, cursor));
	}

	@Operation(summary = "Get any replay job")
	@GetMapping("/{id}")
	ReplayJobView get(Authentication operator, @PathVariable UUID id) {
		return this.replays.get(ReplayScope.operator(actor(operator), null), id);
	}

	@Operation(summary = "Cancel any replay job")
	@PostMapping("/{id}/cancel")
	ReplayJobView cancel(Authentication operator, @PathVariable UUID id) {
		return this.replays.cancel(ReplayScope.operator(actor(operator), null), id);
	}

	private UUID tenant(String slug) {
		if (slug == null || slug.isBlank()) {
			return null;
		}
		return this.tenants.findBySlug(slug.trim()).orElseThrow(() -> new NotFoundException("Tenant")).getId();
	}

	private static Actor actor(Authentication operator) {
		return Actor.user(operator.getName());
	}

	/**
	 * @param tenant the tenant's slug; none: all tenants
	 */
	record OpsReplayRequest(@Size(max = 16) String kind, Boolean dryRun, @Valid ReplayFilter filter,
			@Min(1) @Max(1000) Integer ratePerSecond, @Size(max = 63) String tenant, Boolean newMessageId) {
	}

}
