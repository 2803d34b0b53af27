package io.herald.core.config;

import java.time.Clock;

import javax.sql.DataSource;

import io.herald.core.secret.SecretCipher;
import io.herald.core.secret.SecretKeyring;
import io.herald.core.template.TemplateRenderer;
import io.herald.core.tenant.RowSecurity;
import io.herald.core.tenant.RowSecurityDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
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
	static CryptoKeyCheck cryptoKeyCheck() {
		return new CryptoKeyCheck();
	}

	@Bean
	SecretCipher secretCipher(HeraldCoreProperties properties) {
		HeraldCoreProperties.Crypto crypto = properties.crypto();
		SecretKeyring keyring = SecretKeyring.of(crypto.key(), crypto.keys(), crypto.activeKey());
		String published = HeraldCoreProperties.PUBLISHED_DEVELOPMENT_KEY;
		if (published.equals(crypto.key()) || crypto.keys().containsValue(published)) {
			log.warn("herald.crypto: a configured key is the published development key of earlier versions; "
					+ "rotate to a key of your own (docs/security.md)");
		}
		log.atInfo()
			.addKeyValue("keys", keyring.keyIds())
			.addKeyValue("activeKey", keyring.activeKeyId())
			.log("Secrets at rest are encrypted with AES-256-GCM");
		return new SecretCipher(keyring);
	}

	/**
	 * Every app's DataSource hands connections out with the thread's {@link RowSecurity}
	 * scope (decision 0074).
	 */
	@Bean
	static BeanPostProcessor rowSecurityDataSource() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof DataSource dataSource && !(bean instanceof RowSecurityDataSource))
						? new RowSecurityDataSource(dataSource) : bean;
			}
		};
	}

	@Bean
	TemplateRenderer templateRenderer() {
		return new TemplateRenderer();
	}

}
