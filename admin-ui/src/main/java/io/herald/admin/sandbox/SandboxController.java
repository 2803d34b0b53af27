package io.herald.admin.sandbox;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import io.herald.admin.config.SandboxSetting;
import io.herald.admin.web.ConsoleScope;
import io.herald.admin.web.PageNotFoundException;
import io.herald.core.channel.Channel;
import io.herald.core.error.InvalidInputException;
import io.herald.core.sandbox.SandboxInbox;
import io.herald.core.sandbox.SandboxMessage;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Local mode's sandbox inbox: what EMAIL and PUSH would have sent for the tenant in view,
 * newest first, 50 a page with a cursor (core's {@link SandboxInbox}, as the API's). An
 * e-mail's HTML is shown in an iframe with an empty {@code sandbox} attribute and
 * {@code srcdoc} (escaped as an attribute value), so it can neither run script nor reach
 * the console; it is never written into the page itself.
 */
@Controller
class SandboxController {

	static final int SHOWN = 50;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final SandboxInbox inbox;

	private final SandboxSetting sandbox;

	SandboxController(SandboxInbox inbox, SandboxSetting sandbox) {
		this.inbox = inbox;
		this.sandbox = sandbox;
	}

	@GetMapping("/sandbox")
	String inbox(@RequestParam(required = false) String cursor, ConsoleScope scope, Model model) {
		if (!this.sandbox.enabled()) {
			throw new PageNotFoundException();
		}
		UUID tenantId = scope.requireTenant().id();
		Page<SandboxMessage> page;
		try {
			page = this.inbox.page(tenantId, new PageQuery(SHOWN, cursor));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("problem", "The page link is out of date: start again from the first page.");
			page = this.inbox.page(tenantId, PageQuery.first(SHOWN));
		}
		model.addAttribute("messages", page.items().stream().map(SandboxController::row).toList());
		if (page.nextCursor() != null) {
			model.addAttribute("nextPage",
					UriComponentsBuilder.fromPath("/sandbox")
						.queryParam("cursor", page.nextCursor())
						.encode()
						.build()
						.toUriString());
		}
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
