package io.herald.admin.web;

import io.herald.core.tenant.TenantManagement;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operator's tenant switcher: remembers the chosen tenant (or all tenants) in the
 * session and goes back to the page it was used on.
 */
@Controller
class TenantSwitchController {

	private final TenantManagement tenants;

	TenantSwitchController(TenantManagement tenants) {
		this.tenants = tenants;
	}

	@PostMapping("/tenant-switch")
	String switchTenant(@RequestParam(defaultValue = "") String tenant, @RequestParam(defaultValue = "/") String back,
			HttpSession session) {
		if (tenant.isBlank()) {
			session.removeAttribute(ConsoleScopeResolver.SELECTED_TENANT);
		}
		else {
			var chosen = this.tenants.findBySlug(tenant).orElseThrow(PageNotFoundException::new);
			session.setAttribute(ConsoleScopeResolver.SELECTED_TENANT, chosen.getId());
		}
		return "redirect:" + localPath(back);
	}

	/** Only a path of this console: never an absolute or protocol-relative URL. */
	private static String localPath(String back) {
		boolean local = back.startsWith("/") && !back.startsWith("//") && !back.contains("\\")
				&& back.chars().noneMatch(Character::isISOControl);
		return local ? back : "/";
	}

}
