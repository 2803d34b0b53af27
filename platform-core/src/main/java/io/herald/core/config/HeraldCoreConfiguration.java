package io.herald.core.config;

import java.time.Clock;
import java.util.Base64;

import io.herald.core.secret.SecretCipher;
import io.herald.core.template.TemplateRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * Everything an app needs from platform-core: entities, repositories, feature services
 * and the shared beans. Apps {@code @Import} it.
 */
@Configuration(proxyBeanMethods = false)
@EntityScan("io.herald.core")
@EnableJpaRepositories("io.herald.core")
@ComponentScan(basePackages = "io.herald.core",
		excludeFilters = @Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class))
@EnableConfigurationProperties(HeraldCoreProperties.class)
public class HeraldCoreConfiguration {

	private static final Logger log = LoggerFactory.getLogger(HeraldCoreConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	SecretCipher secretCipher(HeraldCoreProperties properties) {
		String key = properties.crypto().key();
		if (HeraldCoreProperties.DEVELOPMENT_KEY.equals(key)) {
			log.warn("herald.crypto.key is the built-in development key: set your own outside local mode");
		}
		return new SecretCipher(Base64.getDecoder().decode(key));
	}

	@Bean
	TemplateRenderer templateRenderer() {
		return new TemplateRenderer();
	}

}
