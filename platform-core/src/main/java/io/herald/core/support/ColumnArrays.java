package io.herald.core.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a multi-row insert as one text array per column, for
 * {@code INSERT … SELECT … FROM unnest(CAST(? AS text[]), …)}: one parameter per column
 * instead of one per column and row, so that PostgreSQL parses, binds and plans a 500-row
 * insert as cheaply as a one-row one (issue 9: planning the multi-row {@code VALUES} of
 * the fan-out's inserts was 1.5 s of 11.1 s of statement time). Each value is sent as
 * text and cast to its column's type in the statement; {@code null} stays null.
 */
public final class ColumnArrays {

	private final String[][] columns;

	private int row = -1;

	private int column;

	/**
	 * @param columns columns per row
	 * @param rows rows to hold
	 */
	public ColumnArrays(int columns, int rows) {
		this.columns = new String[columns][rows];
	}

	/**
	 * Starts the next row; its values follow with {@link #add(Object)}, in column order.
	 */
	public ColumnArrays row() {
		if (this.row >= 0 && this.column != this.columns.length) {
			throw new IllegalStateException(
					"row " + this.row + " has " + this.column + " of " + this.columns.length + " values");
		}
		this.row++;
		this.column = 0;
		return this;
	}

	/**
	 * The next column's value of the current row: its {@code toString()}, an
	 * {@link Instant} as ISO-8601 in UTC (what {@code timestamptz} reads), or null.
	 */
	public ColumnArrays add(Object value) {
		this.columns[this.column++][this.row] = (value != null) ? value.toString() : null;
		return this;
	}

	/** One {@code String[]} per column, the statement's parameters in column order. */
	public List<Object> parameters() {
		if (this.row != this.columns[0].length - 1 || this.column != this.columns.length) {
			throw new IllegalStateException("filled " + (this.row + 1) + " of " + this.columns[0].length + " rows");
		}
		List<Object> parameters = new ArrayList<>(this.columns.length);
		for (String[] values : this.columns) {
			parameters.add(values);
		}
		return parameters;
	}

	/**
	 * {@code unnest(CAST(? AS text[]), …) AS alias(names…)} for the given column names.
	 */
	public static String unnest(String alias, String... names) {
		StringBuilder sql = new StringBuilder("unnest(");
		for (int i = 0; i < names.length; i++) {
			sql.append((i > 0) ? ", " : "").append("CAST(? AS text[])");
		}
		return sql.append(") AS ").append(alias).append('(').append(String.join(", ", names)).append(')').toString();
	}

}
