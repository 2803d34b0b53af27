package io.herald.worker.fanout;

/** The fan-out's outbox statements as {@link Outbox} builds them, for plan tests. */
public final class OutboxStatements {

	private OutboxStatements() {
	}

	/** The event-log insert (one text array per column). */
	public static String storeEvents() {
		return Outbox.STORE_EVENTS;
	}

	/** The outbox insert (one text array per column). */
	public static String insertNotifications() {
		return Outbox.INSERT_NOTIFICATIONS;
	}

	/** The subscriptions' send targets for rows created claimed (one uuid array). */
	public static String sendTargets() {
		return Outbox.SEND_TARGETS;
	}

}
