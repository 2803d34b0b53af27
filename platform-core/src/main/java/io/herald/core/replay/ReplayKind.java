package io.herald.core.replay;

/**
 * What a replay job re-runs. Only {@code NOTIFICATIONS} (requeue failed notifications) is
 * implemented; {@code EVENTS} (backfill through the current subscriptions) is refused.
 */
public enum ReplayKind {

	NOTIFICATIONS, EVENTS

}
