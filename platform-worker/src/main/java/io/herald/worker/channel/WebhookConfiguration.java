package io.herald.worker.channel;

import java.time.Clock;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook HTTP client (its own, never shared with other HTTP use): bounded timeouts,
 * bounded response heads, no redirects, no automatic retries (the retry schedule
 * decides), no cookies, and the SSRF guard in the connection manager.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

	/**
	 * Bounds what a receiver can make the client hold before the body: status and header
	 * lines of at most 8 KB, at most 64 header lines.
	 */
	static final Http1Config RESPONSE_HEAD_LIMITS = Http1Config.custom()
		.setMaxLineLength(8 * 1024)
		.setMaxHeaderCount(64)
		.build();

	@Bean
	WebhookProvider webhookProvider(WebhookProperties properties, JsonMapper json, Clock clock) {
		return new WebhookProvider(webhookHttpClient(properties), json, clock, properties);
	}

	static CloseableHttpClient webhookHttpClient(WebhookProperties properties) {
		if (properties.allowPrivateNetworks()) {
			log.warn("herald.webhook.allow-private-networks=true: webhooks may reach internal addresses"
					+ " (meant for local mode and tests only)");
		}
		PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setConnectionFactory(
					ManagedHttpClientConnectionFactory.builder().http1Config(RESPONSE_HEAD_LIMITS).build())
			.setMaxConnTotal(properties.maxConnections())
			.setMaxConnPerRoute(properties.maxConnections())
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(properties.connectTimeout()))
				.setSocketTimeout(Timeout.of(properties.readTimeout()))
				.build());
		if (!properties.allowPrivateNetworks()) {
			connections.setDnsResolver(new PublicAddressDnsResolver());
		}
		PoolingHttpClientConnectionManager manager = connections.build();
		return HttpClients.custom()
			.setConnectionManager(manager)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setRedirectsEnabled(false)
				.setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
				.setResponseTimeout(Timeout.of(properties.readTimeout()))
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.setUserAgent(properties.userAgent())
			.build();
	}

}
