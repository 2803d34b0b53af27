package io.herald.api.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Batch ingest ({@code herald.api.batch.*}, {@code POST /api/v1/events/batch}).
 *
 * @param maxEvents most events one batch may hold (413 beyond)
 * @param maxRequestSize largest batch body accepted (413 beyond); the single-event routes
 * keep {@code herald.api.max-request-size}
 */
@Validated
@ConfigurationProperties("herald.api.batch")
public record BatchIngestProperties(@Min(1) @Max(10_000) @DefaultValue("500") int maxEvents,
		@NotNull @DefaultValue("5MB") DataSize maxRequestSize) {

}
