package io.herald.admin.security;

import java.util.Objects;

import io.herald.core.audit.Actor;
import io.herald.core.user.PasswordChange;
import io.herald.core.user.Role;
import io.herald.core.user.UserManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A signed-in user changes their own password: at once after signing in with a one-time
 * password, or whenever they like. Viewers may too; it is the one form they may post. The
 * operator's password comes from configuration, so the page only says so to them.
 */
@Controller
class PasswordChangeController {

	static final String PATH = "/account/password";

	private final UserManagement users;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	PasswordChangeController(UserManagement users) {
		this.users = users;
	}

	@GetMapping(PATH)
	String form(@AuthenticationPrincipal ConsoleUser user, Model model) {
		model.addAttribute("form", new PasswordForm("", "", ""));
		return page(user, model);
	}

	@PostMapping(PATH)
	String change(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute("form") PasswordForm form,
			BindingResult errors, Model model, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		if (user.role() == Role.OPERATOR) {
			return page(user, model);
		}
		if (!Objects.equals(form.newPassword(), form.confirmation())) {
			errors.rejectValue("confirmation", "mismatch",
					"The confirmation differs from the new password: type the same password twice.");
			return page(user, model);
		}
		PasswordChange outcome = this.users.changePassword(user.username(), form.currentPassword(), form.newPassword(),
				Actor.user(user.username()));
		switch (outcome) {
			case PasswordChange.Changed changed -> {
				signInAgain(user.withChangedPassword(changed.passwordHash()), request, response);
				redirect.addFlashAttribute("notice", "Your password has been changed.");
				return "redirect:/";
			}
			case PasswordChange.Refused refused -> {
				reject(errors, refused.reason());
				return page(user, model);
			}
		}
	}

	private static String page(ConsoleUser user, Model model) {
		model.addAttribute("operator", user.role() == Role.OPERATOR);
		model.addAttribute("forced", user.mustChangePassword());
		model.addAttribute("minLength", UserManagement.MIN_PASSWORD_LENGTH);
		return "change-password";
	}

	private static void reject(BindingResult errors, PasswordChange.Reason reason) {
		switch (reason) {
			case WRONG_CURRENT_PASSWORD ->
				errors.rejectValue("currentPassword", "wrong", "This is not your current password.");
			case TOO_SHORT -> errors.rejectValue("newPassword", "short",
					"Use at least " + UserManagement.MIN_PASSWORD_LENGTH + " characters.");
			case TOO_LONG ->
				errors.rejectValue("newPassword", "long", "Use at most " + UserManagement.MAX_PASSWORD_BYTES
						+ " characters (accented letters and emoji count as two to four).");
			case SAME_AS_CURRENT ->
				errors.rejectValue("newPassword", "same", "Choose a password different from your current one.");
		}
	}

	/**
	 * The session now holds the user without the one-time flag, under a new session id: a
	 * session id seen before the change is worth nothing after it.
	 */
	private void signInAgain(ConsoleUser changed, HttpServletRequest request, HttpServletResponse response) {
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(
				UsernamePasswordAuthenticationToken.authenticated(changed, null, changed.getAuthorities()));
		SecurityContextHolder.setContext(context);
		request.changeSessionId();
		this.contexts.saveContext(context, request, response);
	}

	/**
	 * The change-password form. Its passwords are never written back into the page.
	 *
	 * @param currentPassword the password the user signed in with
	 * @param newPassword the password they chose
	 * @param confirmation the chosen password typed again
	 */
	record PasswordForm(String currentPassword, String newPassword, String confirmation) {

		@Override
		public String toString() {
			return "PasswordForm[***]";
		}

	}

}
