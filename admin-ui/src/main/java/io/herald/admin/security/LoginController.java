package io.herald.admin.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the sign-in page; Spring Security handles the form's POST.
 */
@Controller
class LoginController {

	private final ConsoleUsers users;

	private final LoginThrottle throttle;

	LoginController(ConsoleUsers users, LoginThrottle throttle) {
		this.users = users;
		this.throttle = throttle;
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("operatorLoginEnabled", this.users.operatorLoginEnabled());
		model.addAttribute("lockoutMinutes", Math.max(1, this.throttle.lockout().toMinutes()));
		return "login";
	}

}
