package io.herald.api.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.herald.api.apikey.ApiCaller;
import io.herald.core.channel.Channel;
import io.herald.core.sandbox.SandboxMessage;
import io.herald.core.sandbox.SandboxMessageRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.PageRequest;
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

	private final SandboxMessageRepository messages;

	SandboxController(SandboxMessageRepository messages) {
		this.messages = messages;
	}

	@Operation(summary = "List sandbox messages", description = "Scope `notifications:read`. Newest first.")
	@GetMapping
	MessageList list(@AuthenticationPrincipal ApiCaller caller,
			@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
		return new MessageList(
				this.messages.findAllByTenantIdOrderByCreatedAtDesc(caller.tenantId(), PageRequest.of(0, limit))
					.stream()
					.map(SandboxController::message)
					.toList());
	}

	private static Message message(SandboxMessage message) {
		return new Message(message.getNotificationId(), message.getChannel(), message.getRecipient(),
				message.getSubject(), message.getBody(), message.getCreatedAt());
	}

	record Message(UUID notificationId, Channel channel, String to, String subject, String body, Instant createdAt) {
	}

	record MessageList(List<Message> items) {
	}

}
