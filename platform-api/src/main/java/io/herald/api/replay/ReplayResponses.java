package io.herald.api.replay;

import java.net.URI;

import io.herald.core.replay.ReplayJobView;
import io.herald.core.replay.ReplayKind;
import io.herald.core.replay.ReplayManagement;
import io.herald.core.replay.ReplayRequest;
import io.herald.core.replay.ReplayScope;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The answer to a replay request, the same for tenants and operators.
 */
final class ReplayResponses {

	private ReplayResponses() {
	}

	static ResponseEntity<?> create(ReplayManagement replays, ReplayScope scope, ReplayRequest request, String base) {
		if (request.isDryRun()) {
			return ResponseEntity.ok((request.replayKind() == ReplayKind.EVENTS)
					? replays.previewBackfill(scope, request) : replays.preview(scope, request));
		}
		ReplayJobView job = replays.create(scope, request);
		return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(base + "/" + job.id())).body(job);
	}

}
