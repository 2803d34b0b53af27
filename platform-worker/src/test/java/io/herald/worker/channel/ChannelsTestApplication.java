package io.herald.worker.channel;

import com.azure.core.http.HttpClient;
import io.herald.core.config.HeraldCoreConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Just platform-core and the e-mail/push providers over a real PostgreSQL: no Kafka, no
 * Redis, no dispatcher. ACS traffic goes through {@link HttpsToHttpClient} so that the
 * SDK (which signs only https requests) can talk to a plain-http fake.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ HeraldCoreConfiguration.class, ChannelsConfiguration.class })
class ChannelsTestApplication {

	@Bean
	@Primary
	HttpClient httpsToHttpAcsClient() {
		return new HttpsToHttpClient(HttpClient.createDefault());
	}

}
