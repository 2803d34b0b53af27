package io.herald.core.replay;

/**
 * What a replay job re-runs: {@code NOTIFICATIONS} requeues failed notifications;
 * {@code EVENTS} re-runs fan-out of stored events through the current subscriptions
 * (backfill), creating only the notifications that do not exist yet.
 */
public enum ReplayKind {

	NOTIFICATIONS, EVENTS

}
