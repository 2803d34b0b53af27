package io.herald.api.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The usual Spring property for where Redis is; the API builds its Redisson client from
 * it, as the worker does.
 *
 * @param url {@code redis://[user:password@]host:port[/database]} or {@code rediss://...}
 */
@Validated
@ConfigurationProperties("spring.data.redis")
public record RedisUrlProperties(@NotBlank @DefaultValue("redis://127.0.0.1:6379") String url) {
}
