package io.herald.worker.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the worker's settings.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ HeraldWorkerProperties.class, RedisUrlProperties.class })
class WorkerConfiguration {

}
