package io.herald.core.sandbox;

import java.util.UUID;

import io.herald.core.error.InvalidInputException;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.herald.core.support.TimeKey;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's sandbox inbox, newest first, as the API's {@code /sandbox/messages} and the
 * console's Sandbox page page through it: keyset on (created at, id), so a message stored
 * meanwhile never repeats or shifts one.
 */
@Service
public class SandboxInbox {

	private static final String LIST = "sandbox-messages";

	private final SandboxMessageRepository messages;

	SandboxInbox(SandboxMessageRepository messages) {
		this.messages = messages;
	}

	/**
	 * @throws InvalidInputException for a cursor this list did not hand out
	 */
	@Transactional(readOnly = true)
	public Page<SandboxMessage> page(UUID tenantId, PageQuery query) {
		TimeKey before = query.newestFirst(LIST);
		return Page.of(this.messages.pageNewestFirst(tenantId, before.at(), before.id(), query.fetchSize()), query,
				(message) -> new TimeKey(message.getCreatedAt(), message.getId()).cursor(LIST));
	}

}
