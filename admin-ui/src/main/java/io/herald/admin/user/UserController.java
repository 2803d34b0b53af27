package io.herald.admin.user;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.herald.admin.web.ConsoleScope;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantManagement;
import io.herald.core.user.CreatedUser;
import io.herald.core.user.DuplicateUserException;
import io.herald.core.user.PasswordReset;
import io.herald.core.user.Role;
import io.herald.core.user.UserManagement;
import io.herald.core.user.UserView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console users: operators see and create every tenant's, tenant admins their own
 * tenant's, viewers only read. A new user's one-time password is shown once, and so is
 * the one a password reset gives; either must be changed at sign-in (decision 0085).
 */
@Controller
class UserController {

	private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final UserManagement users;

	private final TenantManagement tenants;

	UserController(UserManagement users, TenantManagement tenants) {
		this.users = users;
		this.tenants = tenants;
	}

	@GetMapping("/users")
	String list(ConsoleScope scope, Model model) {
		if (!model.containsAttribute("form")) {
			String tenant = (scope.tenant() != null) ? scope.tenant().slug() : "";
			model.addAttribute("form", new UserForm("", Role.TENANT_ADMIN, tenant));
		}
		Map<UUID, String> slugs = scope.operator()
				? this.tenants.list().stream().collect(Collectors.toMap(Tenant::getId, Tenant::getSlug)) : Map.of();
		List<UserRow> rows = this.users.list(scope.tenantId()).stream().map((user) -> row(user, slugs::get)).toList();
		model.addAttribute("users", rows);
		model.addAttribute("roles", List.of(Role.TENANT_ADMIN, Role.TENANT_VIEWER));
		return "users";
	}

	@PostMapping("/users")
	String create(@Valid @ModelAttribute("form") UserForm form, BindingResult errors, ConsoleScope scope, Model model,
			RedirectAttributes redirect) {
		UUID tenantId = tenantOf(form, scope, errors);
		if (!errors.hasErrors()) {
			try {
				CreatedUser created = this.users.create(tenantId, form.username(), form.role(), scope.actor());
				redirect.addFlashAttribute("created", new CreatedRow(created.user().username(), created.password()));
				return "redirect:/users";
			}
			catch (DuplicateUserException ex) {
				errors.rejectValue("username", "duplicate", "This user name is taken.");
			}
			catch (IllegalArgumentException ex) {
				errors.rejectValue("username", "invalid",
						"Use 3 to 200 characters without spaces, e.g. an e-mail address.");
			}
		}
		model.addAttribute("formOpen", true);
		return list(scope, model);
	}

	/**
	 * Gives the user a new one-time password, shown once, which they must replace at
	 * their next sign-in; a session they have open goes on until it ends.
	 */
	@PostMapping("/users/{id}/password-reset")
	String resetPassword(@PathVariable UUID id, ConsoleScope scope, RedirectAttributes redirect) {
		PasswordReset reset = this.users.resetPassword(id, scope.tenantId(), scope.actor());
		redirect.addFlashAttribute("reset", new CreatedRow(reset.user().username(), reset.password()));
		return "redirect:/users";
	}

	/**
	 * Operators name the tenant; a tenant admin always creates users of their own tenant.
	 */
	private UUID tenantOf(UserForm form, ConsoleScope scope, BindingResult errors) {
		if (!scope.operator()) {
			return scope.requireTenant().id();
		}
		UUID id = (form.tenant() == null || form.tenant().isBlank()) ? null
				: this.tenants.findBySlug(form.tenant()).map(Tenant::getId).orElse(null);
		if (id == null) {
			errors.rejectValue("tenant", "unknown", "Choose the tenant the user belongs to.");
		}
		return id;
	}

	private static UserRow row(UserView user, Function<UUID, String> slugs) {
		String role = (user.role() == Role.TENANT_ADMIN) ? "Tenant admin" : "Tenant viewer";
		String status = !user.enabled() ? "Disabled"
				: user.mustChangePassword() ? "Active, must change the one-time password" : "Active";
		return new UserRow(user.id(), user.username(), role, slugs.apply(user.tenantId()), status,
				CREATED.format(user.createdAt()));
	}

	record UserForm(
			@NotBlank(message = "Enter a user name.") @Size(max = 200,
					message = "At most 200 characters.") String username,
			@NotNull(message = "Choose a role.") Role role, String tenant) {

	}

	record UserRow(UUID id, String username, String role, String tenant, String status, String created) {

	}

	record CreatedRow(String username, String password) {

	}

}
