package io.herald.admin.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the console's settings.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ConsoleProperties.class, SandboxSetting.class })
class ConsoleConfiguration {

}
