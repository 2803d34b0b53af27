package io.herald.local.bench;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.herald.local.bench.HeraldApi.BenchTenant;

/**
 * {@code --history=N}: before the measured runs, fills the database with N old, finished
 * events of a tenant of its own, as months of traffic would leave them: per event its
 * fan-out decision, one {@code SENT} webhook notification, its delivery attempt and its
 * audit entry. Set-based ({@code INSERT … SELECT … FROM generate_series}, one statement
 * per chunk of {@link #CHUNK} events, data-modifying CTEs so that each child row takes
 * its parent's key), as the schema owner, then {@code VACUUM (ANALYZE)}, so that the runs
 * measure what a hot path costs when the tables hold history (issue 9: cost per event
 * flat from 10k to 10M rows). The vacuum is part of that steady state: history that grew
 * over months was vacuumed as it grew, whereas rows written in one go are all new to
 * vacuum, hint bits and the visibility map (decision 0109 has the measurements). The rows
 * are a week old: inside the worker's retention windows ({@code herald.retention.*}), as
 * the steady state keeps them, so that retention does not delete them while the runs
 * measure.
 */
final class HistoryFill {

	static final int CHUNK = 1_000_000;

	private static final String FILL = """
			WITH e AS (
			    INSERT INTO event (tenant_id, event_id, type, source, subject, datacontenttype, data, received_at)
			    SELECT ?, 'history-' || i, ?, '/bench-history', 'history', 'application/json',
			        '{"order":"history","total":1}', now() - interval '7 days' + i * interval '5 ms'
			    FROM generate_series(?, ?) i
			    RETURNING tenant_id, event_id, received_at),
			f AS (
			    INSERT INTO event_fanout (tenant_id, event_id, subscription_id, channel, outcome, decided_at)
			    SELECT tenant_id, event_id, ?, 'WEBHOOK', 'NOTIFIED', received_at FROM e),
			n AS (
			    INSERT INTO notification (id, tenant_id, event_id, event_type, subscription_id, channel, recipient,
			        address, subject, body, status, attempts, created_at, updated_at, sent_at)
			    SELECT gen_random_uuid(), tenant_id, event_id, ?, ?, 'WEBHOOK', 'history', ?, 'Order history',
			        'Total 1', 'SENT', 1, received_at, received_at + interval '40 ms', received_at + interval '40 ms'
			    FROM e
			    RETURNING id, tenant_id, created_at),
			a AS (
			    INSERT INTO delivery_attempt (id, tenant_id, notification_id, attempt_number, series, started_at,
			        latency_ms, outcome, http_status)
			    SELECT gen_random_uuid(), tenant_id, id, 1, 1, created_at + interval '20 ms', 20, 'SENT', 204 FROM n)
			INSERT INTO audit_log (tenant_id, actor_type, actor, action, entity_type, entity_id, details, created_at)
			SELECT tenant_id, 'SYSTEM', 'herald', 'notification.sent', 'notification', id::text,
			    '{"attempt":1,"channel":"WEBHOOK","httpStatus":204}', created_at + interval '40 ms'
			FROM n""";

	private final BenchStack stack;

	private final HttpClient http;

	HistoryFill(BenchStack stack, HttpClient http) {
		this.stack = stack;
		this.http = http;
	}

	/**
	 * Creates the history tenant through the API and writes {@code rows} finished events
	 * of it; returns what the report says about it.
	 */
	String fill(int rows, Receiver receiver) {
		HeraldApi api = new HeraldApi(this.stack.apiUrl(), this.stack.operatorUser(), this.stack.operatorPassword(),
				this.http);
		BenchTenant tenant = api.setUp(Scenario.named("fanout-1"), "history", receiver).get(0);
		long started = System.nanoTime();
		try (Connection db = this.stack.connect()) {
			UUID subscription = subscriptionOf(db, tenant);
			try (PreparedStatement fill = db.prepareStatement(FILL)) {
				for (int from = 1; from <= rows; from += CHUNK) {
					int to = Math.min(rows, from + CHUNK - 1);
					fill.setObject(1, tenant.id());
					fill.setString(2, HeraldApi.EVENT_TYPE);
					fill.setInt(3, from);
					fill.setInt(4, to);
					fill.setObject(5, subscription);
					fill.setString(6, HeraldApi.EVENT_TYPE);
					fill.setObject(7, subscription);
					fill.setString(8, "http://127.0.0.1:9/history");
					fill.executeUpdate();
					System.out.printf("History: %,d of %,d events written (%.0f s)%n", to, rows, seconds(started));
				}
			}
			double written = seconds(started);
			long vacuumStarted = System.nanoTime();
			try (Statement vacuum = db.createStatement()) {
				vacuum.execute("VACUUM (ANALYZE) event, event_fanout, notification, delivery_attempt, audit_log");
			}
			double vacuumed = seconds(vacuumStarted);
			System.out.printf("History: %,d events vacuumed and analyzed (%.0f s)%n", rows, vacuumed);
			return "%,d finished events of another tenant before the runs: %,d rows each in event, event_fanout, notification (SENT), delivery_attempt and audit_log (written in %.0f s, then VACUUM (ANALYZE) in %.0f s)"
				.formatted(rows, rows, written, vacuumed);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Writing the history rows failed", ex);
		}
	}

	private static UUID subscriptionOf(Connection db, BenchTenant tenant) throws SQLException {
		try (PreparedStatement find = db
			.prepareStatement("SELECT id FROM subscription WHERE tenant_id = ? ORDER BY created_at LIMIT 1")) {
			find.setObject(1, tenant.id());
			try (ResultSet rs = find.executeQuery()) {
				rs.next();
				return rs.getObject(1, UUID.class);
			}
		}
	}

	private static double seconds(long startedNanos) {
		return (System.nanoTime() - startedNanos) / 1e9;
	}

}
