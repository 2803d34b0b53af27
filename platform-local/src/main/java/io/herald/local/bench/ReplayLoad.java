package io.herald.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import io.herald.local.bench.HeraldApi.BenchTenant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The replay scenario's extra load: {@code --replay-rows} DEAD webhook notifications of
 * the bench tenant, written straight into PostgreSQL (as a long provider outage would
 * leave them), then one operator replay job over them at {@code --replay-rate} requeues
 * per second, started when the live events start. Reports the job's own duration (started
 * to finished), what it requeued, and how many of the rows ended {@code SENT} in exactly
 * their second attempt series (each requeued once).
 */
final class ReplayLoad {

	private static final String SEED_EVENT = "replay-seed";

	private final BenchStack stack;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	private final int rows;

	private final int rate;

	private String jobId;

	ReplayLoad(BenchStack stack, HttpClient http, int rows, int rate) {
		this.stack = stack;
		this.http = http;
		this.rows = rows;
		this.rate = rate;
	}

	/**
	 * How long to wait for the job and its rows after the live events: twice the job's
	 * own duration at its rate plus a minute, and at least three minutes.
	 */
	Duration patience() {
		return Duration.ofSeconds(Math.max(180, 2L * this.rows / this.rate + 60));
	}

	/** Writes the DEAD rows (one stored event, one row per recipient). */
	void seed(BenchTenant tenant) {
		try (Connection db = this.stack.connect()) {
			UUID subscription;
			try (PreparedStatement find = db
				.prepareStatement("SELECT id FROM subscription WHERE tenant_id = ? ORDER BY created_at LIMIT 1")) {
				find.setObject(1, tenant.id());
				try (ResultSet rs = find.executeQuery()) {
					rs.next();
					subscription = rs.getObject(1, UUID.class);
				}
			}
			try (PreparedStatement event = db.prepareStatement("""
					INSERT INTO event (tenant_id, event_id, type, source, subject, data, received_at)
					VALUES (?, ?, ?, '/bench', 'replay', '{"order":"replay","total":1}', now())""")) {
				event.setObject(1, tenant.id());
				event.setString(2, SEED_EVENT);
				event.setString(3, HeraldApi.EVENT_TYPE);
				event.executeUpdate();
			}
			try (PreparedStatement rows = db.prepareStatement("""
					INSERT INTO notification (id, tenant_id, event_id, event_type, subscription_id, channel, recipient,
					    subject, body, status, status_reason, attempts, created_at, updated_at)
					SELECT gen_random_uuid(), ?, ?, ?, ?, 'WEBHOOK', 'replay-' || i, 'Order replay', 'Total 1',
					    'DEAD', 'HTTP 503: provider outage (bench)', 3, now(), now()
					FROM generate_series(1, ?) i""")) {
				rows.setObject(1, tenant.id());
				rows.setString(2, SEED_EVENT);
				rows.setString(3, HeraldApi.EVENT_TYPE);
				rows.setObject(4, subscription);
				rows.setInt(5, this.rows);
				rows.executeUpdate();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Seeding the DEAD notifications failed", ex);
		}
	}

	/** Creates the replay job over the tenant's DEAD rows. */
	void start(String slug) {
		JsonNode job = call("POST", "/api/v1/ops/replays", "{\"tenant\":\"" + slug + "\",\"ratePerSecond\":" + this.rate
				+ ",\"filter\":{\"status\":[\"DEAD\"],\"errorContains\":\"(bench)\"}}");
		this.jobId = job.get("id").asString();
	}

	/** Waits (at most {@code timeout}) for the job to end and its rows to settle. */
	Result finish(BenchTenant tenant, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		JsonNode job = call("GET", "/api/v1/ops/replays/" + this.jobId, null);
		while (job.get("status").asString().matches("PENDING|RUNNING") && System.nanoTime() < deadline) {
			LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
			job = call("GET", "/api/v1/ops/replays/" + this.jobId, null);
		}
		int[] settled = settled(tenant);
		while (settled[0] < this.rows && System.nanoTime() < deadline) {
			LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
			settled = settled(tenant);
		}
		double seconds = (job.get("startedAt").isNull() || job.get("finishedAt").isNull()) ? -1
				: Duration
					.between(Instant.parse(job.get("startedAt").asString()),
							Instant.parse(job.get("finishedAt").asString()))
					.toMillis() / 1000.0;
		return new Result(this.rows, this.rate, job.get("status").asString(), job.get("requeued").asInt(),
				job.get("skipped").asInt(), seconds, settled[0], settled[1]);
	}

	/** [rows SENT, rows SENT in exactly their second attempt series]. */
	private int[] settled(BenchTenant tenant) {
		try (Connection db = this.stack.connect(); PreparedStatement count = db.prepareStatement("""
				SELECT count(*) FILTER (WHERE status = 'SENT'),
				       count(*) FILTER (WHERE status = 'SENT' AND attempt_series = 2)
				FROM notification WHERE tenant_id = ? AND event_id = ?""")) {
			count.setObject(1, tenant.id());
			count.setString(2, SEED_EVENT);
			try (ResultSet rs = count.executeQuery()) {
				rs.next();
				return new int[] { rs.getInt(1), rs.getInt(2) };
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Reading the replayed notifications failed", ex);
		}
	}

	private JsonNode call(String method, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.stack.apiUrl() + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((this.stack.operatorUser() + ":" + this.stack.operatorPassword())
							.getBytes(StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException(
						method + " " + path + " answered " + response.statusCode() + " " + response.body());
			}
			return this.json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot reach the Herald API", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/**
	 * @param rows DEAD rows written and replayed
	 * @param rate the job's requeues per second
	 * @param status the job's end status
	 * @param requeued rows the job requeued
	 * @param skipped rows the job skipped
	 * @param jobSeconds from the job's start to its end, -1 when it did not end
	 * @param sent rows SENT afterwards
	 * @param sentInSecondSeries rows SENT in exactly their second attempt series
	 */
	record Result(int rows, int rate, String status, int requeued, int skipped, double jobSeconds, int sent,
			int sentInSecondSeries) {

		/** Every row was sent once more, in exactly its second attempt series. */
		boolean complete() {
			return this.sentInSecondSeries == this.rows;
		}

		@Override
		public String toString() {
			return "replay job of %,d DEAD rows at %d/s: %s in %.1f s, requeued %,d, skipped %,d; %,d rows SENT, %,d of them in their second attempt series"
				.formatted(this.rows, this.rate, this.status, this.jobSeconds, this.requeued, this.skipped, this.sent,
						this.sentInSecondSeries);
		}

	}

}
