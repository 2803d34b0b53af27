package io.herald.admin.web;

import java.util.List;

import io.herald.core.tenant.TenantManagement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets controllers take a {@link ConsoleScope} parameter.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	ConsoleScopeResolver consoleScopeResolver(TenantManagement tenants) {
		return new ConsoleScopeResolver(tenants);
	}

	@Bean
	WebMvcConfigurer consoleScopeArguments(ConsoleScopeResolver resolver) {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(resolver);
			}
		};
	}

}
