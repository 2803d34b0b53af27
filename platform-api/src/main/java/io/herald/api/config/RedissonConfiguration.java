package io.herald.api.config;

import java.net.URI;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.SingleServerConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's Redisson client (ingest quotas, operator login throttling), built from
 * {@code spring.data.redis.url} like the worker's. It connects lazily with short
 * timeouts, so that the API starts and takes events while Redis is down (limits then fail
 * open).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ApiAccessProperties.class, RedisUrlProperties.class })
class RedissonConfiguration {

	@Bean(destroyMethod = "shutdown")
	RedissonClient heraldRedisson(RedisUrlProperties redis, ApiAccessProperties properties) {
		return Redisson.create(config(redis.url(), properties.redis()));
	}

	static Config config(String url, ApiAccessProperties.Redis settings) {
		URI uri = URI.create(url);
		Config config = new Config();
		config.setLazyInitialization(true);
		config.setThreads(2);
		config.setNettyThreads(4);
		credentials(uri, config);
		SingleServerConfig server = config.useSingleServer()
			.setAddress(uri.getScheme() + "://" + uri.getHost() + ":" + ((uri.getPort() > 0) ? uri.getPort() : 6379))
			.setConnectionMinimumIdleSize(1)
			.setConnectionPoolSize(16)
			.setSubscriptionConnectionMinimumIdleSize(0)
			.setSubscriptionConnectionPoolSize(1);
		server.setConnectTimeout((int) settings.connectTimeout().toMillis())
			.setTimeout((int) settings.timeout().toMillis())
			.setRetryAttempts(settings.retryAttempts())
			.setRetryDelay(new ConstantDelay(settings.retryDelay()))
			.setReconnectionDelay(new ConstantDelay(settings.retryDelay()));
		String path = uri.getPath();
		if (path != null && path.length() > 1) {
			server.setDatabase(Integer.parseInt(path.substring(1)));
		}
		return config;
	}

	private static void credentials(URI uri, Config config) {
		String userInfo = uri.getUserInfo();
		if (userInfo == null || userInfo.isEmpty()) {
			return;
		}
		int colon = userInfo.indexOf(':');
		String username = (colon >= 0) ? userInfo.substring(0, colon) : null;
		String password = (colon >= 0) ? userInfo.substring(colon + 1) : userInfo;
		if (username != null && !username.isEmpty()) {
			config.setUsername(username);
		}
		if (!password.isEmpty()) {
			config.setPassword(password);
		}
	}

}
