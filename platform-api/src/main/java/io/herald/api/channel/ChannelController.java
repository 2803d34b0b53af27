package io.herald.api.channel;

import io.herald.api.apikey.ApiCaller;
import io.herald.api.web.Channels;
import io.herald.core.channel.ChannelSettingsManagement;
import io.herald.core.channel.ChannelSettingsView;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Provider settings per channel ({@code EMAIL}: ACS or SMTP; {@code PUSH}: FCM). Secrets
 * go in and never come out.
 */
@Tag(name = "Channels", description = "Per-tenant provider settings (ACS or SMTP e-mail, FCM push), encrypted at rest")
@RestController
@RequestMapping("/api/v1/channels")
class ChannelController {

	private final ChannelSettingsManagement settings;

	ChannelController(ChannelSettingsManagement settings) {
		this.settings = settings;
	}

	@Operation(summary = "Set a channel's provider settings",
			description = "Scope `config:write`. The body names its `provider` (ACS, SMTP, FCM) and that provider's fields; secrets are masked in every answer.")
	@PutMapping("/{channel}")
	ChannelSettingsView put(@AuthenticationPrincipal ApiCaller caller, @PathVariable String channel,
			@RequestBody JsonNode body) {
		return this.settings.put(caller.scope(), Channels.fromPath(channel), body);
	}

	/** By channel (at most three, one page). */
	@Operation(summary = "List channel settings", description = "Scope `config:read`. Secrets masked.")
	@GetMapping
	Page<ChannelSettingsView> list(@AuthenticationPrincipal ApiCaller caller,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		return this.settings.page(caller.scope(), PageQuery.of(limit, cursor));
	}

	@Operation(summary = "Get a channel's settings", description = "Scope `config:read`. Secrets masked.")
	@GetMapping("/{channel}")
	ChannelSettingsView get(@AuthenticationPrincipal ApiCaller caller, @PathVariable String channel) {
		return this.settings.get(caller.scope(), Channels.fromPath(channel));
	}

	@Operation(summary = "Remove a channel's settings", description = "Scope `config:write`.")
	@DeleteMapping("/{channel}")
	ResponseEntity<Void> delete(@AuthenticationPrincipal ApiCaller caller, @PathVariable String channel) {
		this.settings.delete(caller.scope(), Channels.fromPath(channel));
		return ResponseEntity.noContent().build();
	}

}
