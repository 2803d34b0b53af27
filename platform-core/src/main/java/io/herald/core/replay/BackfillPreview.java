package io.herald.core.replay;

import java.util.List;

/**
 * An {@code EVENTS} backfill's dry run: how many stored events match (at most
 * {@link EventBackfill#MAX_EVENTS}), how many notifications fan-out would create for them
 * through today's subscriptions that do not exist yet, and up to 10 of those.
 */
public record BackfillPreview(int matched, int wouldCreate, List<BackfillSample> sample) {

}
