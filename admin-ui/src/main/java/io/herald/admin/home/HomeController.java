package io.herald.admin.home;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The landing page after sign-in: operators go to the tenant list, tenant members see
 * their (for now small) home page.
 */
@Controller
class HomeController {

	@GetMapping("/")
	String home(Authentication authentication) {
		boolean operator = authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> "ROLE_OPERATOR".equals(authority.getAuthority()));
		return operator ? "redirect:/tenants" : "home";
	}

}
