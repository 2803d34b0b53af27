package io.herald.worker.secret;

import io.herald.core.secret.SecretRotation;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the key rotation runner, which {@code herald.secret-rotation.enabled=false}
 * leaves out.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretRotationProperties.class)
class SecretRotationConfiguration {

	@Bean
	@ConditionalOnProperty(name = "herald.secret-rotation.enabled", havingValue = "true", matchIfMissing = true)
	SecretRotationRunner secretRotationRunner(SecretRotationProperties properties, SecretRotation rotation,
			MeterRegistry meters) {
		return new SecretRotationRunner(properties, rotation, meters);
	}

}
