package io.herald.worker.channel;

import java.time.Instant;
import java.util.UUID;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpResponse;

/**
 * One ACS send as the pipeline sees it: the idempotency key and repeatability time going
 * out, the accepted operation coming back. Travels in the Azure {@code Context} so that
 * {@link AcsIdempotencyPolicy} can reach it.
 */
final class AcsCall {

	static final String CONTEXT_KEY = "herald.acs.call";

	private static final HttpHeaderName OPERATION_LOCATION = HttpHeaderName.fromString("Operation-Location");

	private final UUID notificationId;

	private final Instant firstSent;

	private volatile String operationLocation;

	private volatile int status;

	AcsCall(UUID notificationId, Instant firstSent) {
		this.notificationId = notificationId;
		this.firstSent = firstSent;
	}

	UUID notificationId() {
		return this.notificationId;
	}

	Instant firstSent() {
		return this.firstSent;
	}

	void accepted(HttpResponse response) {
		this.status = response.getStatusCode();
		this.operationLocation = response.getHeaderValue(OPERATION_LOCATION);
	}

	int status() {
		return this.status;
	}

	/**
	 * The operation id ACS assigned: the last path segment of {@code Operation-Location}
	 * ({@code .../emails/operations/{id}?api-version=...}); the notification id we asked
	 * for when the service sent no location.
	 */
	String operationId() {
		String location = this.operationLocation;
		if (location == null || location.isBlank()) {
			return this.notificationId.toString();
		}
		int query = location.indexOf('?');
		String path = (query >= 0) ? location.substring(0, query) : location;
		String id = path.substring(path.lastIndexOf('/') + 1);
		return id.isBlank() ? this.notificationId.toString() : id;
	}

}
