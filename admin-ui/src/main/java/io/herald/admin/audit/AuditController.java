package io.herald.admin.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.herald.admin.web.ConsoleScope;
import io.herald.core.audit.AuditSearch;
import io.herald.core.audit.AuditSearch.AuditPage;
import io.herald.core.audit.AuditSearch.AuditQuery;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantManagement;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit log, read-only: who did what, newest first, filtered by action, entity type
 * and time.
 */
@Controller
class AuditController {

	static final int SHOWN = 50;

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
			.anyMatch((value) -> value != null && value.length() > 200)
				|| (filter.cursor() != null && filter.cursor().length() > 100)) {
			problems.add("Filters are at most 200 characters long.");
		}
		Instant from = time(filter.from(), "From", problems);
		Instant to = time(filter.to(), "To", problems);
		Map<UUID, String> slugs = scope.operator()
				? this.tenants.list().stream().collect(Collectors.toMap(Tenant::getId, Tenant::getSlug)) : Map.of();
		AuditPage page = new AuditPage(List.of(), null);
		if (problems.isEmpty()) {
			try {
				page = this.audit.search(scope.tenantId(),
						new AuditQuery(filter.action(), filter.entityType(), null, from, to), filter.cursor(), SHOWN);
			}
			catch (IllegalArgumentException ex) {
				problems.add("The page link is out of date: start again from the first page.");
			}
		}
		List<Row> rows = page.items()
			.stream()
			.map((entry) -> new Row(TIME.format(entry.at()),
					(entry.tenantId() != null) ? slugs.getOrDefault(entry.tenantId(), "") : "—",
					entry.actorType().toLowerCase() + " " + entry.actor(), entry.action(),
					entry.entityType() + " " + entry.entityId(), entry.details()))
			.toList();
		if (page.nextCursor() != null) {
			UriComponentsBuilder next = UriComponentsBuilder.fromPath("/audit");
			filter.params().forEach(next::queryParam);
			model.addAttribute("nextPage", next.queryParam("cursor", page.nextCursor()).encode().build().toUriString());
		}
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

	record AuditFilter(String action, String entityType, String from, String to, String cursor) {

		/** The filter's query string without the cursor, for the next-page link. */
		Map<String, String> params() {
			Map<String, String> params = new LinkedHashMap<>();
			put(params, "action", this.action);
			put(params, "entityType", this.entityType);
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

	record Row(String at, String tenant, String actor, String action, String entity, String details) {

	}

}
