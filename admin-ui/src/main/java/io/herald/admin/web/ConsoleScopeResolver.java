package io.herald.admin.web;

import java.util.UUID;

import io.herald.admin.security.ConsoleUser;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Builds the {@link ConsoleScope} of a request from the signed-in user and, for an
 * operator, the tenant chosen in the switcher (kept in the session).
 */
class ConsoleScopeResolver implements HandlerMethodArgumentResolver {

	static final String SELECTED_TENANT = ConsoleScopeResolver.class.getName() + ".tenant";

	private final TenantManagement tenants;

	ConsoleScopeResolver(TenantManagement tenants) {
		this.tenants = tenants;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return ConsoleScope.class.equals(parameter.getParameterType());
	}

	@Override
	public ConsoleScope resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		return resolve(webRequest.getNativeRequest(HttpServletRequest.class));
	}

	ConsoleScope resolve(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof ConsoleUser user)) {
			return null;
		}
		UUID tenantId = user.tenantId();
		if (tenantId == null) {
			HttpSession session = request.getSession(false);
			tenantId = (session != null) ? (UUID) session.getAttribute(SELECTED_TENANT) : null;
		}
		if (tenantId == null) {
			return new ConsoleScope(user, null);
		}
		UUID id = tenantId;
		// a tenant member's tenant always exists (foreign key); an operator's choice may
		// be gone
		ConsoleScope.TenantRef tenant = this.tenants.find(id)
			.map(ConsoleScopeResolver::ref)
			.orElseGet(() -> (user.tenantId() != null) ? new ConsoleScope.TenantRef(id, "", "") : null);
		return new ConsoleScope(user, tenant);
	}

	static ConsoleScope.TenantRef ref(Tenant tenant) {
		return new ConsoleScope.TenantRef(tenant.getId(), tenant.getSlug(), tenant.getName());
	}

}
