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

	LoginController(ConsoleUsers users) {
		this.users = users;
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("operatorLoginEnabled", this.users.operatorLoginEnabled());
		return "login";
	}

}
