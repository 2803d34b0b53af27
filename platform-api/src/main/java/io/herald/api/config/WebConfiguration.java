package io.herald.api.config;

import java.util.EnumSet;
import java.util.Map;

import io.herald.api.idempotency.IdempotencyProperties;
import io.herald.api.web.ContentTypeFilter;
import io.herald.api.web.ProblemWriter;
import io.herald.api.web.RequestIdFilter;
import io.herald.api.web.RequestSizeLimitFilter;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Servlet wiring of the API.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ HeraldApiProperties.class, BatchIngestProperties.class, IdempotencyProperties.class })
class WebConfiguration {

	/** First of all filters (before Spring Security's), on error dispatches too. */
	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC));
		return registration;
	}

	@Bean
	FilterRegistrationBean<ContentTypeFilter> contentTypeFilter(ProblemWriter problems) {
		FilterRegistrationBean<ContentTypeFilter> registration = new FilterRegistrationBean<>(
				new ContentTypeFilter(problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(HeraldApiProperties properties,
			BatchIngestProperties batch, ProblemWriter problems) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(properties.maxRequestSize().toBytes(),
						Map.of("/api/v1/events/batch", batch.maxRequestSize().toBytes()), problems));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
