package io.herald.core.config;

import io.herald.core.secret.CryptoKeyException;
import io.herald.core.secret.SecretKeyring;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Refuses to start an app without a usable {@code herald.crypto} keyring, before any
 * other bean is made (no database connection, no Kafka client, no open port), so that a
 * missing key is the one line an operator reads. Local mode passes its own key.
 *
 * @throws CryptoKeyException (from the post-processing) naming the missing setting
 */
class CryptoKeyCheck implements BeanFactoryPostProcessor, EnvironmentAware {

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		HeraldCoreProperties.Crypto crypto = Binder.get(this.environment)
			.bind("herald.crypto", HeraldCoreProperties.Crypto.class)
			.orElseGet(() -> new HeraldCoreProperties.Crypto(null, null, null));
		SecretKeyring.of(crypto.key(), crypto.keys(), crypto.activeKey());
	}

}
