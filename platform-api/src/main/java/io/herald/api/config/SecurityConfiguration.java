package io.herald.api.config;

import java.time.Duration;

import io.herald.api.apikey.ApiCaller;
import io.herald.api.apikey.ApiKeyAuthenticationFilter;
import io.herald.api.apikey.ScopeAuthorization;
import io.herald.api.idempotency.IdempotencyFilter;
import io.herald.api.idempotency.IdempotencyRecords;
import io.herald.api.quota.IngestQuota;
import io.herald.api.quota.IngestQuotaFilter;
import io.herald.api.quota.OperatorLoginThrottle;
import io.herald.api.quota.OperatorLoginThrottleFilter;
import io.herald.api.web.ProblemType;
import io.herald.api.web.ProblemWriter;
import io.herald.api.web.RowScopeFilter;
import io.herald.core.apikey.ApiKeyManagement;
import io.herald.core.config.HeraldCoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Three filter chains: HTTP Basic for the operator on {@code /api/v1/ops/**}, bearer API
 * keys for tenants on {@code /api/v1/**} (each call needing the scope that
 * {@link io.herald.api.apikey.ScopeRules} names), and everything else (health, metrics,
 * OpenAPI, unknown paths that answer 404) open. All stateless, without CSRF (no cookies
 * are used).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	static final String OPERATOR_ROLE = "OPERATOR";

	/**
	 * No observation (timer and span) for each security filter and each authorization
	 * decision: on the event ingest path they were about a fifth of the API's request CPU
	 * (JFR, docs/benchmarks.md). Each request is still observed as a whole
	 * ({@code http.server.requests}).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	@Bean
	UserDetailsService operatorAccounts(HeraldCoreProperties properties, PasswordEncoder encoder) {
		HeraldCoreProperties.Operator operator = properties.operator();
		InMemoryUserDetailsManager accounts = new InMemoryUserDetailsManager();
		if (operator.enabled()) {
			accounts.createUser(User.withUsername(operator.username())
				.password(encoder.encode(operator.password()))
				.roles(OPERATOR_ROLE)
				.build());
		}
		else {
			log.warn("herald.operator.password is not set: the operator endpoints /api/v1/ops/** refuse every call");
		}
		return accounts;
	}

	@Bean
	@Order(1)
	SecurityFilterChain operatorChain(HttpSecurity http, ProblemWriter problems, OperatorLoginThrottle throttle,
			IdempotencyRecords idempotency) throws Exception {
		AuthenticationEntryPoint entryPoint = (request, response, ex) -> {
			if (OperatorLoginThrottleFilter.hasBasicCredentials(request)) {
				throttle.failed(request.getRemoteAddr());
			}
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"herald-ops\"");
			problems.write(request, response, ProblemType.UNAUTHORIZED, "Operator credentials (HTTP Basic) required");
		};
		stateless(http).securityMatcher("/api/v1/ops/**")
			.addFilterBefore(new OperatorLoginThrottleFilter(throttle, problems), BasicAuthenticationFilter.class)
			.httpBasic((basic) -> basic.authenticationEntryPoint(entryPoint))
			.addFilterAfter(rowScope(), BasicAuthenticationFilter.class)
			.addFilterAfter(new IdempotencyFilter(idempotency, problems), AuthorizationFilter.class)
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied(problems)))
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole(OPERATOR_ROLE));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain tenantChain(HttpSecurity http, ApiKeyManagement apiKeys, IngestQuota quota,
			ProblemWriter problems, IdempotencyRecords idempotency,
			@Value("${herald.api.lookup-cache.ttl:5s}") Duration cacheTtl) throws Exception {
		AuthenticationEntryPoint entryPoint = (request, response, ex) -> {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			problems.write(request, response, ProblemType.UNAUTHORIZED,
					"An API key is required: Authorization: Bearer <key>");
		};
		stateless(http).securityMatcher("/api/v1/**")
			.addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, problems, cacheTtl),
					AnonymousAuthenticationFilter.class)
			.addFilterAfter(rowScope(), ApiKeyAuthenticationFilter.class)
			// a replayed answer costs no quota: the quota filter runs after the key check
			.addFilterAfter(new IdempotencyFilter(idempotency, problems), AuthorizationFilter.class)
			.addFilterAfter(new IngestQuotaFilter(quota, problems), IdempotencyFilter.class)
			.exceptionHandling(
					(handling) -> handling.authenticationEntryPoint(entryPoint)
						.accessDeniedHandler((request, response, ex) -> problems.write(request, response,
								ProblemType.INSUFFICIENT_SCOPE,
								"This API key lacks the scope " + ScopeAuthorization.required(request).value()
										+ " that this call needs")))
			.authorizeHttpRequests((requests) -> requests.anyRequest().access(new ScopeAuthorization()));
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain openChain(HttpSecurity http) throws Exception {
		// health, info, prometheus, /v3/api-docs, /swagger-ui and /error are public; any
		// other path reaches Spring MVC and gets a 404 problem
		stateless(http).authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return http.build();
	}

	/**
	 * the tenant's rows for an API key, every tenant's for the operator (decision 0074)
	 */
	private static RowScopeFilter rowScope() {
		return new RowScopeFilter("ROLE_" + OPERATOR_ROLE,
				(principal) -> (principal instanceof ApiCaller caller) ? caller.tenantId() : null);
	}

	private static HttpSecurity stateless(HttpSecurity http) throws Exception {
		return http.csrf(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
	}

	private static AccessDeniedHandler accessDenied(ProblemWriter problems) {
		return (request, response, ex) -> problems.write(request, response, ProblemType.FORBIDDEN,
				"These credentials may not use this resource");
	}

}
