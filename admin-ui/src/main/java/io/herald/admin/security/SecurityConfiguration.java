package io.herald.admin.security;

import io.herald.core.user.AppUserRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Form login with CSRF protection; the tenant list is for operators only.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperatorProperties.class)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain consoleSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/css/**", "/favicon.ico", "/error", "/actuator/health/**")
			.permitAll()
			.requestMatchers("/tenants/**")
			.hasRole("OPERATOR")
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"));
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	@Bean
	ConsoleUsers consoleUsers(OperatorProperties operator, PasswordEncoder encoder, AppUserRepository users) {
		return new ConsoleUsers(operator, encoder, users);
	}

}
