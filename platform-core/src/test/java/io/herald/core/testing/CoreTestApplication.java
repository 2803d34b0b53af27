package io.herald.core.testing;

import io.herald.core.config.HeraldCoreConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The smallest Spring Boot app over platform-core, for its own integration tests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(HeraldCoreConfiguration.class)
public class CoreTestApplication {

}
