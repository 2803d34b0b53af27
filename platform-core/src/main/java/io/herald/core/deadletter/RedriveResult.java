package io.herald.core.deadletter;

/**
 * What a re-drive (or its dry run) found and did.
 *
 * @param dryRun whether nothing was published
 * @param matched letters that match the filter and were not re-driven before: what a
 * re-drive publishes
 * @param republished letters published back to the event topic (0 for a dry run)
 * @param alreadyRedriven matching letters skipped because they were re-driven before
 * @param scanned records read from the dead-letter topic
 * @param truncated whether the scan stopped at its bound before the end of the topic
 */
public record RedriveResult(boolean dryRun, int matched, int republished, int alreadyRedriven, int scanned,
		boolean truncated) {

}
