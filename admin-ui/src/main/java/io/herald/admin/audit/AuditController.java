package io.herald.admin.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.herald.admin.web.ConsoleScope;
import io.herald.core.audit.AuditSearch;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantManagement;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The audit log, read-only: who did what, newest first, filtered by action, entity type
 * and time.
 */
@Controller
class AuditController {

	static final int SHOWN = 200;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final AuditSearch audit;

	private final TenantManagement tenants;

	AuditController(AuditSearch audit, TenantManagement tenants) {
		this.audit = audit;
		this.tenants = tenants;
	}

	@GetMapping("/audit")
	String list(@ModelAttribute("filter") AuditFilter filter, ConsoleScope scope, Model model) {
		List<String> problems = new ArrayList<>();
		if (Stream.of(filter.action(), filter.entityType(), filter.from(), filter.to())
			.anyMatch((value) -> value != null && value.length() > 200)) {
			problems.add("Filters are at most 200 characters long.");
		}
		Instant from = time(filter.from(), "From", problems);
		Instant to = time(filter.to(), "To", problems);
		Map<UUID, String> slugs = scope.operator()
				? this.tenants.list().stream().collect(Collectors.toMap(Tenant::getId, Tenant::getSlug)) : Map.of();
		List<Row> rows = problems.isEmpty()
				? this.audit.search(scope.tenantId(), filter.action(), filter.entityType(), from, to, SHOWN)
					.stream()
					.map((entry) -> new Row(TIME.format(entry.at()),
							(entry.tenantId() != null) ? slugs.getOrDefault(entry.tenantId(), "") : "—",
							entry.actorType().toLowerCase() + " " + entry.actor(), entry.action(),
							entry.entityType() + " " + entry.entityId(), entry.details()))
					.toList()
				: List.of();
		model.addAttribute("rows", rows);
		model.addAttribute("problems", problems);
		model.addAttribute("shown", SHOWN);
		return "audit";
	}

	private static Instant time(String value, String label, List<String> problems) {
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

	record AuditFilter(String action, String entityType, String from, String to) {

	}

	record Row(String at, String tenant, String actor, String action, String entity, String details) {

	}

}
