package io.herald.admin.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether the sandbox inbox is on ({@code herald.channels.sandbox.enabled}, the worker's
 * switch that local mode turns on): the console then offers its Sandbox page.
 *
 * @param enabled whether EMAIL and PUSH without a provider land in the sandbox inbox
 */
@ConfigurationProperties("herald.channels.sandbox")
public record SandboxSetting(boolean enabled) {

}
