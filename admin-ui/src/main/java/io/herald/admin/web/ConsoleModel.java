package io.herald.admin.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import io.herald.admin.config.SandboxSetting;
import io.herald.core.error.NotFoundException;
import io.herald.core.tenant.TenantManagement;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: the navigation for the user's role, the scope and, for
 * operators, the tenants to switch between.
 */
@ControllerAdvice
class ConsoleModel {

	private final ConsoleScopeResolver scopes;

	private final TenantManagement tenants;

	private final SandboxSetting sandbox;

	ConsoleModel(ConsoleScopeResolver scopes, TenantManagement tenants, SandboxSetting sandbox) {
		this.scopes = scopes;
		this.tenants = tenants;
		this.sandbox = sandbox;
	}

	@ModelAttribute
	void layout(HttpServletRequest request, Model model) {
		ConsoleScope scope = this.scopes.resolve(request);
		if (scope == null) {
			return;
		}
		String path = request.getServletPath();
		model.addAttribute("scope", scope);
		model.addAttribute("currentPath", path);
		if (!scope.user().mustChangePassword()) {
			// until the one-time password is replaced every section leads back to that
			// page
			model.addAttribute("nav", navigation(scope, path));
		}
		if (scope.operator()) {
			model.addAttribute("tenantChoices", this.tenants.list().stream().map(ConsoleScopeResolver::ref).toList());
		}
	}

	@ExceptionHandler(TenantRequiredException.class)
	String chooseTenant(HttpServletRequest request, Model model) {
		layout(request, model);
		return "choose-tenant";
	}

	/**
	 * Another tenant's id looks exactly like one that does not exist, and so does a
	 * malformed one.
	 */
	@ExceptionHandler({ NotFoundException.class, MethodArgumentTypeMismatchException.class })
	void notFound(HttpServletResponse response) throws IOException {
		response.sendError(HttpServletResponse.SC_NOT_FOUND);
	}

	private List<NavItem> navigation(ConsoleScope scope, String path) {
		return Arrays.stream(Section.values()).filter((section) -> switch (section.audience()) {
			case EVERYONE -> true;
			case OPERATORS -> scope.operator();
			case LOCAL_MODE -> this.sandbox.enabled();
		})
			.map((section) -> new NavItem(section.label(), section.path(), section.available(),
					isActive(section, path)))
			.toList();
	}

	private static boolean isActive(Section section, String path) {
		return "/".equals(section.path()) ? "/".equals(path)
				: path.equals(section.path()) || path.startsWith(section.path() + "/");
	}

}
