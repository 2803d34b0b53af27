package io.herald.worker.channel;

import java.time.Clock;

import com.azure.core.http.HttpClient;
import com.azure.core.util.HttpClientOptions;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The e-mail and push providers and what they share ({@code herald.channels.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChannelsProperties.class)
class ChannelsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ChannelsConfiguration.class);

	/** The HTTP client of every ACS e-mail client; a bean so that tests can wrap it. */
	@Bean
	HttpClient acsHttpClient(ChannelsProperties properties) {
		return HttpClient.createDefault(new HttpClientOptions().setConnectTimeout(properties.acs().connectTimeout())
			.setResponseTimeout(properties.acs().responseTimeout()));
	}

	@Bean
	AcsEmailProvider acsEmailProvider(HttpClient acsHttpClient, ChannelsProperties properties, Clock clock) {
		return new AcsEmailProvider(acsHttpClient, properties.acs(), clock);
	}

	@Bean
	SmtpEmailProvider smtpEmailProvider(ChannelsProperties properties) {
		if (properties.smtp().allowPrivateNetworks()) {
			log.warn("herald.channels.smtp.allow-private-networks=true: tenants' SMTP hosts may be internal addresses");
		}
		return new SmtpEmailProvider(properties.smtp());
	}

	@Bean
	FcmApps fcmApps(ChannelsProperties properties) {
		return new FcmApps(properties.fcm());
	}

	@Bean
	FcmPushProvider fcmPushProvider(FcmApps fcmApps, ChannelsProperties properties, EntityManager entityManager,
			PlatformTransactionManager transactionManager, Clock clock) {
		PushTokenCleaner tokens = new PushTokenCleaner(entityManager, new TransactionTemplate(transactionManager),
				clock);
		return new FcmPushProvider(fcmApps, tokens, clock, properties.fcm().sendDeadline());
	}

	/** The longest send of any provider, for the dispatcher's lease. */
	@Bean
	SendDeadlines sendDeadlines(ObjectProvider<ChannelProvider> providers) {
		return new SendDeadlines(() -> providers.orderedStream().toList());
	}

	@Bean
	SandboxProvider sandboxProvider(ChannelsProperties properties, EntityManager entityManager,
			PlatformTransactionManager transactionManager, Clock clock) {
		return new SandboxProvider(properties.sandbox().enabled(), entityManager,
				new TransactionTemplate(transactionManager), clock);
	}

}
