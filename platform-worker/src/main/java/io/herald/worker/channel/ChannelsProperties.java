package io.herald.worker.channel;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the e-mail and push providers ({@code herald.channels.*}). Credentials are
 * not here: they are per tenant, in the encrypted channel settings.
 *
 * @param sandbox the sandbox inbox for EMAIL and PUSH without a configured provider
 * @param acs Azure Communication Services e-mail
 * @param smtp SMTP e-mail
 * @param fcm Firebase Cloud Messaging
 */
@Validated
@ConfigurationProperties("herald.channels")
public record ChannelsProperties(@Valid @DefaultValue Sandbox sandbox, @Valid @DefaultValue Acs acs,
		@Valid @DefaultValue Smtp smtp, @Valid @DefaultValue Fcm fcm) {

	/**
	 * @param enabled capture EMAIL and PUSH notifications of tenants without a provider
	 * in the sandbox inbox instead of failing them (local mode turns it on)
	 */
	public record Sandbox(@DefaultValue("false") boolean enabled) {
	}

	/**
	 * @param connectTimeout TCP connect timeout to the ACS endpoint
	 * @param responseTimeout how long to wait for the response to the send request
	 * @param sendDeadline most time one send may take in all; a slower one is aborted and
	 * retried
	 * @param allowedEndpointHosts hosts a tenant's connection string may point at: an
	 * entry starting with a dot matches that suffix, any other entry exactly
	 */
	public record Acs(@NotNull @DefaultValue("5s") Duration connectTimeout,
			@NotNull @DefaultValue("15s") Duration responseTimeout, @NotNull @DefaultValue("30s") Duration sendDeadline,
			@NotNull @DefaultValue(".communication.azure.com") List<String> allowedEndpointHosts) {

		boolean allowsHost(String host) {
			return host != null && this.allowedEndpointHosts.stream()
				.anyMatch((allowed) -> allowed.startsWith(".") ? host.endsWith(allowed) : host.equals(allowed));
		}

	}

	/**
	 * @param connectTimeout TCP connect timeout to the SMTP server
	 * @param timeout read and write timeout of each SMTP exchange
	 * @param sendDeadline most time one message may take in all (connect, TLS,
	 * authentication, transfer); a slower one is aborted and retried
	 * @param allowPrivateNetworks whether tenants' SMTP hosts may resolve to loopback,
	 * private, link-local and other internal addresses (a self-hosted relay on the
	 * internal network); local mode and tests set it
	 */
	public record Smtp(@NotNull @DefaultValue("5s") Duration connectTimeout,
			@NotNull @DefaultValue("15s") Duration timeout, @NotNull @DefaultValue("30s") Duration sendDeadline,
			@DefaultValue("false") boolean allowPrivateNetworks) {
	}

	/**
	 * @param baseUrl where FCM requests for {@code https://fcm.googleapis.com} go (a
	 * proxy or a local fake); the OAuth token endpoint is the service account's
	 * {@code token_uri}
	 * @param connectTimeout TCP connect timeout
	 * @param readTimeout read timeout of each request
	 * @param sendDeadline most time one push may take in all, firebase-admin's own
	 * retries and the token request included; a slower one is aborted and retried
	 * @param trustedTokenUris prefixes a service account's {@code token_uri} must start
	 * with: the JSON comes from tenants, and the worker posts to that address
	 */
	public record Fcm(@NotNull @DefaultValue("https://fcm.googleapis.com") URI baseUrl,
			@NotNull @DefaultValue("5s") Duration connectTimeout, @NotNull @DefaultValue("15s") Duration readTimeout,
			@NotNull @DefaultValue("30s") Duration sendDeadline,
			@NotNull @DefaultValue("https://oauth2.googleapis.com/") List<String> trustedTokenUris) {
	}

}
