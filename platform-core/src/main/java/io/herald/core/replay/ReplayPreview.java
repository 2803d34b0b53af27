package io.herald.core.replay;

import java.util.List;

/**
 * A dry run's answer: how many notifications match (at most
 * {@link ReplayManagement#MAX_ROWS}) and up to 10 of them, newest first.
 */
public record ReplayPreview(int matched, List<ReplaySample> sample) {

}
