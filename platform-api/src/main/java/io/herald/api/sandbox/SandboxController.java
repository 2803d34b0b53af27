package io.herald.api.sandbox;

import java.time.Instant;
import java.util.UUID;

import io.herald.api.apikey.ApiCaller;
import io.herald.core.channel.Channel;
import io.herald.core.sandbox.SandboxMessage;
import io.herald.core.sandbox.SandboxInbox;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox inbox: what EMAIL and PUSH would have sent while the tenant has no provider
 * configured (local mode), newest first.
 */
@Tag(name = "Sandbox", description = "Messages a sandbox tenant would have sent")
@RestController
@RequestMapping("/api/v1/sandbox/messages")
class SandboxController {

	private final SandboxInbox inbox;

	SandboxController(SandboxInbox inbox) {
		this.inbox = inbox;
	}

	@Operation(summary = "List sandbox messages", description = "Scope `notifications:read`. Newest first.")
	@GetMapping
	Page<Message> list(@AuthenticationPrincipal ApiCaller caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return this.inbox.page(caller.tenantId(), PageQuery.of(limit, cursor)).map(SandboxController::message);
	}

	private static Message message(SandboxMessage message) {
		return new Message(message.getNotificationId(), message.getChannel(), message.getRecipient(),
				message.getSubject(), message.getBody(), message.getCreatedAt());
	}

	record Message(UUID notificationId, Channel channel, String to, String subject, String body, Instant createdAt) {
	}

}
