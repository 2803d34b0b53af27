package io.herald.local.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.herald.local.LocalPostgres;

/**
 * What PostgreSQL spent its time on during a run ({@code --pg-statements}): the embedded
 * server loads {@code pg_stat_statements}, its counters are reset when the measured
 * window starts, and the statements with the most time (planning plus execution) are read
 * when it ends, with the totals over all statements. The embedded server also tracks
 * planning time ({@code pg_stat_statements.track_planning}); an external server reports
 * it only where it is on. Statements run by triggers (foreign-key checks) count in the
 * statement that fired them, their planning in its execution time. An external server
 * without the extension loaded gives no figures, and the report says so.
 */
final class PostgresStatements {

	static final int TOP = 12;

	private static final int QUERY_CHARS = 110;

	private final BenchStack stack;

	private String unavailable;

	private PostgresStatements(BenchStack stack) {
		this.stack = stack;
	}

	/** Before the embedded server starts: have it load {@code pg_stat_statements}. */
	static void loadWithEmbeddedServer() {
		System.setProperty(LocalPostgres.STAT_STATEMENTS, "true");
	}

	/**
	 * Starts the window: zeroes the counters (creating the extension's view if needed).
	 */
	static PostgresStatements start(BenchStack stack) {
		PostgresStatements statements = new PostgresStatements(stack);
		try (Connection db = stack.connect(); Statement statement = db.createStatement()) {
			statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
			statement.execute("SELECT pg_stat_statements_reset()");
		}
		catch (SQLException ex) {
			statements.unavailable = "pg_stat_statements is not available ("
					+ ex.getMessage().lines().findFirst().orElse("") + ")";
		}
		return statements;
	}

	/**
	 * Ends the window: the statements with the most time since the start, and the totals.
	 */
	Window end() {
		if (this.unavailable != null) {
			return new Window(List.of(), null, this.unavailable);
		}
		try (Connection db = this.stack.connect()) {
			return new Window(top(db), totals(db), null);
		}
		catch (SQLException ex) {
			return new Window(List.of(), null, null);
		}
	}

	private static Row totals(Connection db) {
		try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery("""
				SELECT coalesce(sum(calls), 0) AS calls, coalesce(sum(total_exec_time), 0) AS exec,
				    coalesce(sum(total_plan_time), 0) AS plan, coalesce(sum(rows), 0) AS rows,
				    coalesce(sum(shared_blks_hit + shared_blks_read), 0) AS buffers
				FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'""")) {
			result.next();
			return new Row(result.getLong("calls"), result.getDouble("exec"), result.getDouble("plan"),
					result.getLong("rows"), result.getLong("buffers"), "all statements");
		}
		catch (SQLException ex) {
			return null;
		}
	}

	private static List<Row> top(Connection db) {
		List<Row> rows = new ArrayList<>();
		try (PreparedStatement query = db.prepareStatement("""
				SELECT calls, total_exec_time, total_plan_time, rows,
				    shared_blks_hit + shared_blks_read AS buffers,
				    regexp_replace(query, '\\s+', ' ', 'g') AS query
				FROM pg_stat_statements
				WHERE query NOT LIKE '%pg_stat_statements%'
				ORDER BY total_exec_time + total_plan_time DESC LIMIT ?""")) {
			query.setInt(1, TOP);
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					String text = result.getString("query");
					rows.add(new Row(result.getLong("calls"), result.getDouble("total_exec_time"),
							result.getDouble("total_plan_time"), result.getLong("rows"), result.getLong("buffers"),
							(text.length() > QUERY_CHARS) ? text.substring(0, QUERY_CHARS) + " …" : text));
				}
			}
		}
		catch (SQLException ex) {
			return List.of();
		}
		return rows;
	}

	/**
	 * One normalised statement's counters over the window.
	 *
	 * @param totalMs execution time of all its calls
	 * @param planMs planning time of all its calls (0 where planning is not tracked)
	 * @param buffers shared buffers hit or read
	 */
	record Row(long calls, double totalMs, double planMs, long rows, long buffers, String query) {

		double msPerCall() {
			return (this.calls > 0) ? this.totalMs / this.calls : 0;
		}

		double planMsPerCall() {
			return (this.calls > 0) ? this.planMs / this.calls : 0;
		}

		long buffersPerCall() {
			return (this.calls > 0) ? this.buffers / this.calls : 0;
		}

	}

	/**
	 * A run's statements, or why there are none.
	 *
	 * @param totals the sums over all statements, {@code null} when they could not be
	 * read
	 * @param unavailable why the server gave no figures, {@code null} when it did
	 */
	record Window(List<Row> top, Row totals, String unavailable) {
	}

}
