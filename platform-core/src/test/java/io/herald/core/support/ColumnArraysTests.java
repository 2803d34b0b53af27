package io.herald.core.support;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ColumnArraysTests {

	@Test
	void rowsBecomeOneTextArrayPerColumn() {
		UUID id = UUID.fromString("6f1c2a57-9d43-4c1e-8f0a-1b2c3d4e5f60");
		ColumnArrays rows = new ColumnArrays(3, 2);
		rows.row().add(id).add(Instant.parse("2026-11-30T01:02:03.456789Z")).add(7);
		rows.row().add(null).add(null).add("text");

		assertThat(rows.parameters()).containsExactly(new String[] { id.toString(), null },
				new String[] { "2026-11-30T01:02:03.456789Z", null }, new String[] { "7", "text" });
	}

	@Test
	void aRowWithAValueMissingIsRefused() {
		ColumnArrays rows = new ColumnArrays(2, 2);
		rows.row().add("a");
		assertThatIllegalStateException().isThrownBy(rows::row).withMessageContaining("1 of 2 values");
	}

	@Test
	void fewerRowsThanAnnouncedAreRefused() {
		ColumnArrays rows = new ColumnArrays(1, 2);
		rows.row().add("a");
		assertThatIllegalStateException().isThrownBy(rows::parameters).withMessageContaining("filled 1 of 2 rows");
	}

	@Test
	void unnestTakesOneTextArrayPerNamedColumn() {
		assertThat(ColumnArrays.unnest("r", "id", "name"))
			.isEqualTo("unnest(CAST(? AS text[]), CAST(? AS text[])) AS r(id, name)");
	}

}
