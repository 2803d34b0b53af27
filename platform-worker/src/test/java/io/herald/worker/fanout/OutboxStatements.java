package io.herald.worker.fanout;

/** The fan-out's outbox statements as {@link Outbox} builds them, for plan tests. */
public final class OutboxStatements {

	private OutboxStatements() {
	}

	/** The event-log insert of {@code rows} events (9 parameters each). */
	public static String storeEvents(int rows) {
		return Outbox.EVENT_COLUMNS + Outbox.values(Outbox.EVENT_VALUES, rows) + Outbox.EVENT_CONFLICT;
	}

	/** The outbox insert of {@code rows} notifications (17 parameters each). */
	public static String insertNotifications(int rows) {
		return Outbox.NOTIFICATION_COLUMNS + Outbox.values(Outbox.NOTIFICATION_VALUES, rows)
				+ Outbox.NOTIFICATION_CONFLICT;
	}

}
