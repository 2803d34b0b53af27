package io.herald.admin.security;

import com.github.benmanes.caffeine.cache.Ticker;
import io.herald.admin.config.ConsoleProperties;
import io.herald.core.config.HeraldCoreProperties;
import io.herald.core.user.AppUserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.SessionManagementConfigurer;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Form login with CSRF protection, throttled sign-in, session fixation protection and
 * strict security headers. Reading is open to every signed-in user; anything else than
 * GET/HEAD (every form) needs an operator or a tenant admin, so a viewer's POST gets 403
 * — except changing their own password. A user with a one-time password is held on the
 * change-password page until they replaced it (decision 0085).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * Scripts and styles only from the console itself (webjars included): no inline
	 * script, no inline style, no framing. Pico CSS draws its icons from data: URIs.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	@Bean
	SecurityFilterChain consoleSecurity(HttpSecurity http, LoginThrottle throttle) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error",
					"/actuator/health/**", "/livez", "/readyz")
			.permitAll()
			.requestMatchers("/tenants/**", "/tenant-switch", "/dead-letters/**")
			.hasRole("OPERATOR")
			.requestMatchers(HttpMethod.GET, "/**")
			.authenticated()
			.requestMatchers(HttpMethod.HEAD, "/**")
			.authenticated()
			.requestMatchers(HttpMethod.POST, PasswordChangeController.PATH)
			.authenticated()
			.anyRequest()
			.hasAnyRole("OPERATOR", "TENANT_ADMIN"))
			.formLogin((form) -> form.loginPage("/login")
				.successHandler(new ThrottledLoginSuccessHandler(throttle))
				.failureHandler(new ThrottledLoginFailureHandler(throttle))
				.permitAll())
			.addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(new RowScopeFilter(), AuthorizationFilter.class)
			.addFilterAfter(new PasswordChangeRequiredFilter(), AuthorizationFilter.class)
			.sessionManagement((session) -> session
				.sessionFixation(SessionManagementConfigurer.SessionFixationConfigurer::changeSessionId))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions((frame) -> frame.deny())
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
						"camera=(), microphone=(), geolocation=(), payment=(), usb=()"))
				.addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")));
		return http.build();
	}

	@Bean
	LoginThrottle loginThrottle(ConsoleProperties properties) {
		return new LoginThrottle(properties.login(), Ticker.systemTicker());
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	@Bean
	ConsoleUsers consoleUsers(HeraldCoreProperties properties, PasswordEncoder encoder, AppUserRepository users) {
		return new ConsoleUsers(properties.operator(), encoder, users);
	}

}
