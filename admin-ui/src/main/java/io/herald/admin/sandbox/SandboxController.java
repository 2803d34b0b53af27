package io.herald.admin.sandbox;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.herald.admin.config.SandboxSetting;
import io.herald.admin.web.ConsoleScope;
import io.herald.admin.web.PageNotFoundException;
import io.herald.core.channel.Channel;
import io.herald.core.sandbox.SandboxMessage;
import io.herald.core.sandbox.SandboxMessageRepository;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Local mode's sandbox inbox: what EMAIL and PUSH would have sent for the tenant in view,
 * newest first. An e-mail's HTML is shown in an iframe with an empty {@code sandbox}
 * attribute and {@code srcdoc} (escaped as an attribute value), so it can neither run
 * script nor reach the console; it is never written into the page itself.
 */
@Controller
class SandboxController {

	static final int SHOWN = 50;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final SandboxMessageRepository messages;

	private final SandboxSetting sandbox;

	SandboxController(SandboxMessageRepository messages, SandboxSetting sandbox) {
		this.messages = messages;
		this.sandbox = sandbox;
	}

	@GetMapping("/sandbox")
	String inbox(ConsoleScope scope, Model model) {
		if (!this.sandbox.enabled()) {
			throw new PageNotFoundException();
		}
		model.addAttribute("messages",
				this.messages
					.findAllByTenantIdOrderByCreatedAtDesc(scope.requireTenant().id(), PageRequest.of(0, SHOWN))
					.stream()
					.map(SandboxController::row)
					.toList());
		return "sandbox";
	}

	private static MessageRow row(SandboxMessage message) {
		return new MessageRow(message.getId().toString(), message.getNotificationId().toString(),
				message.getChannel().name(), message.getChannel() == Channel.EMAIL, message.getRecipient(),
				message.getSubject(), (message.getBody() != null) ? message.getBody() : "",
				TIME.format(message.getCreatedAt()));
	}

	record MessageRow(String id, String notificationId, String channel, boolean email, String to, String subject,
			String body, String created) {

	}

}
