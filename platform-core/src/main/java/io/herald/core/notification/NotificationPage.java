package io.herald.core.notification;

import java.util.List;

/**
 * A page of notifications, newest first; {@code nextCursor} fetches the next one (null at
 * the end).
 */
public record NotificationPage(List<NotificationSummary> items, String nextCursor) {

}
