package io.herald.admin.tenant;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantManagement;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The operator's list of tenants.
 */
@Controller
class TenantController {

	private final TenantManagement tenants;

	TenantController(TenantManagement tenants) {
		this.tenants = tenants;
	}

	@GetMapping("/tenants")
	String list(Model model) {
		List<TenantRow> rows = this.tenants.list().stream().map(TenantRow::of).toList();
		model.addAttribute("tenants", rows);
		return "tenants";
	}

	record TenantRow(String slug, String name, String created) {

		private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
			.withZone(ZoneOffset.UTC);

		static TenantRow of(Tenant tenant) {
			return new TenantRow(tenant.getSlug(), tenant.getName(), CREATED.format(tenant.getCreatedAt()));
		}

	}

}
