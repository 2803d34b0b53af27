package io.herald.worker.channel;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How webhooks are sent ({@code herald.webhook.*}).
 *
 * @param connectTimeout most time to open a connection
 * @param readTimeout most time to wait for the response (and between its bytes)
 * @param sendDeadline most time one send may take in all (connect, request, response
 * headers and body); a slower send is aborted and retried
 * @param allowPrivateNetworks whether targets in loopback, private, link-local and other
 * internal ranges are allowed; only local mode and tests should set it
 * @param maxResponseBody how much of a response body is read (kept in the attempt's
 * error)
 * @param maxConnections most open connections in all and per target
 * @param userAgent sent with every request
 */
@Validated
@ConfigurationProperties("herald.webhook")
public record WebhookProperties(@NotNull @DefaultValue("5s") Duration connectTimeout,
		@NotNull @DefaultValue("15s") Duration readTimeout, @NotNull @DefaultValue("30s") Duration sendDeadline,
		@DefaultValue("false") boolean allowPrivateNetworks, @NotNull @DefaultValue("1KB") DataSize maxResponseBody,
		@Min(1) @DefaultValue("64") int maxConnections, @NotBlank @DefaultValue("Herald-Webhooks/1") String userAgent) {

}
