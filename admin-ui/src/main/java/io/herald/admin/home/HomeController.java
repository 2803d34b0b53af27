package io.herald.admin.home;

import io.herald.admin.web.ConsoleScope;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboard, the page every user lands on after sign-in.
 */
@Controller
class HomeController {

	@GetMapping("/")
	String dashboard(ConsoleScope scope) {
		return "home";
	}

}
