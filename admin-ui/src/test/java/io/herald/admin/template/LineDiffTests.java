package io.herald.admin.template;

import java.util.List;

import io.herald.admin.template.LineDiff.Kind;
import io.herald.admin.template.LineDiff.Line;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineDiffTests {

	@Test
	void changedLinesAreRemovedThenAddedBetweenUnchangedOnes() {
		List<Line> diff = LineDiff.between("a\nb\nc\nd", "a\nB\nc\nd\ne");

		assertThat(diff).containsExactly(new Line(Kind.SAME, "a"), new Line(Kind.REMOVED, "b"),
				new Line(Kind.ADDED, "B"), new Line(Kind.SAME, "c"), new Line(Kind.SAME, "d"),
				new Line(Kind.ADDED, "e"));
		assertThat(LineDiff.changes(diff)).isTrue();
	}

	@Test
	void aMovedLineKeepsTheLongestCommonRun() {
		List<Line> diff = LineDiff.between("x\n1\n2\n3", "1\n2\n3\nx");

		assertThat(diff).containsExactly(new Line(Kind.REMOVED, "x"), new Line(Kind.SAME, "1"),
				new Line(Kind.SAME, "2"), new Line(Kind.SAME, "3"), new Line(Kind.ADDED, "x"));
	}

	@Test
	void equalAndEmptyTextsHaveNoChanges() {
		assertThat(LineDiff.changes(LineDiff.between("same\ntext", "same\ntext"))).isFalse();
		assertThat(LineDiff.between(null, "")).isEmpty();
		assertThat(LineDiff.between(null, "new")).containsExactly(new Line(Kind.ADDED, "new"));
	}

	@Test
	void aMiddleTooLargeToAlignIsShownRemovedThenAdded() {
		String before = "head\n" + "a\n".repeat(1500) + "tail";
		String after = "head\n" + "b\n".repeat(1500) + "tail";

		List<Line> diff = LineDiff.between(before, after);

		assertThat(diff).hasSize(3002);
		assertThat(diff.get(1)).isEqualTo(new Line(Kind.REMOVED, "a"));
		assertThat(diff.get(1501)).isEqualTo(new Line(Kind.ADDED, "b"));
		assertThat(diff.get(3001)).isEqualTo(new Line(Kind.SAME, "tail"));
	}

}
