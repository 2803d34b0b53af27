package io.herald.api.deadletter;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.herald.api.web.ProblemException;
import io.herald.api.web.ProblemType;
import io.herald.core.audit.Actor;
import io.herald.core.deadletter.DeadLetter;
import io.herald.core.deadletter.DeadLetterFilter;
import io.herald.core.deadletter.RedriveResult;
import io.herald.core.error.NotFoundException;
import io.herald.core.tenant.TenantRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.apache.kafka.common.KafkaException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of the dead-letter topic and its re-drive to the event topic.
 */
@Tag(name = "Operators: dead letters", description = "Events on the dead-letter topic and their re-drive")
@RestController
@RequestMapping(OpsDeadLetterController.BASE)
class OpsDeadLetterController {

	static final String BASE = "/api/v1/ops/dead-letters";

	private static final int MAX_LIMIT = 1000;

	private final DeadLetterRedrive redrive;

	private final TenantRepository tenants;

	OpsDeadLetterController(DeadLetterRedrive redrive, TenantRepository tenants) {
		this.redrive = redrive;
		this.tenants = tenants;
	}

	/** Newest first: {@code ?tenant=slug&reason=text&limit=100}. */
	@Operation(summary = "List dead letters, newest first, by tenant and reason")
	@GetMapping
	DeadLetterList list(@RequestParam(required = false) String tenant, @RequestParam(required = false) String reason,
			@RequestParam(required = false) Integer limit) {
		int max = (limit != null) ? limit : 100;
		if (max < 1 || max > MAX_LIMIT) {
			throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
		}
		if (reason != null && reason.length() > 500) {
			throw ProblemException.invalid("reason", "must be at most 500 characters");
		}
		DeadLetterFilter filter = new DeadLetterFilter(tenant(tenant), reason);
		DeadLetterRedrive.Listing listing = reading(() -> this.redrive.list(filter, max));
		return new DeadLetterList(listing.items(), listing.matched(), listing.scanned(), listing.truncated());
	}

	/** Dry run: the count only; otherwise re-publishes and audits. */
	@Operation(summary = "Dry-run or re-drive dead letters to the event topic (each letter at most once)")
	@PostMapping("/redrive")
	RedriveResult redrive(Authentication operator, @Valid @RequestBody RedriveRequest request) {
		DeadLetterFilter filter = new DeadLetterFilter(tenant(request.tenant()), request.reason());
		return reading(() -> this.redrive.redrive(filter, Boolean.TRUE.equals(request.dryRun()),
				Actor.user(operator.getName())));
	}

	private UUID tenant(String slug) {
		if (slug == null || slug.isBlank()) {
			return null;
		}
		return this.tenants.findBySlug(slug.trim()).orElseThrow(() -> new NotFoundException("Tenant")).getId();
	}

	private static <T> T reading(Supplier<T> scan) {
		try {
			return scan.get();
		}
		catch (KafkaException ex) {
			throw new ProblemException(ProblemType.EVENT_LOG_UNAVAILABLE,
					"The dead-letter topic cannot be read right now, try again");
		}
	}

	/**
	 * @param reason only letters whose reason contains this text, ignoring case
	 * @param tenant only this tenant's (a slug)
	 * @param dryRun only count
	 */
	record RedriveRequest(@Size(max = 500) String reason, @Size(max = 63) String tenant, Boolean dryRun) {
	}

	/**
	 * @param items the newest matching letters, at most the limit
	 * @param matched every matching letter the scan saw
	 * @param scanned records read from the topic
	 * @param truncated whether the scan stopped at its bound
	 */
	record DeadLetterList(List<DeadLetter> items, int matched, int scanned, boolean truncated) {
	}

}
