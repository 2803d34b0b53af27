package io.herald.admin.template;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts for people to read: the common start and end are kept, the
 * middle is aligned by its longest common subsequence of lines. A middle too large to
 * align within a bounded amount of memory is shown as all removed, then all added.
 */
final class LineDiff {

	/** At most this many cells in the alignment table (8 MB of ints). */
	static final int MAX_CELLS = 2_000_000;

	private LineDiff() {
	}

	static List<Line> between(String before, String after) {
		List<String> a = lines(before);
		List<String> b = lines(after);
		int start = 0;
		while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
			start++;
		}
		int endA = a.size();
		int endB = b.size();
		while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
			endA--;
			endB--;
		}
		List<Line> diff = new ArrayList<>();
		a.subList(0, start).forEach((text) -> diff.add(new Line(Kind.SAME, text)));
		middle(a.subList(start, endA), b.subList(start, endB), diff);
		a.subList(endA, a.size()).forEach((text) -> diff.add(new Line(Kind.SAME, text)));
		return diff;
	}

	/** Whether the diff changes anything. */
	static boolean changes(List<Line> diff) {
		return diff.stream().anyMatch((line) -> line.kind() != Kind.SAME);
	}

	private static void middle(List<String> a, List<String> b, List<Line> diff) {
		if ((long) (a.size() + 1) * (b.size() + 1) > MAX_CELLS) {
			a.forEach((text) -> diff.add(new Line(Kind.REMOVED, text)));
			b.forEach((text) -> diff.add(new Line(Kind.ADDED, text)));
			return;
		}
		// common[i][j]: length of the longest common subsequence of a[i..] and b[j..]
		int[][] common = new int[a.size() + 1][b.size() + 1];
		for (int i = a.size() - 1; i >= 0; i--) {
			for (int j = b.size() - 1; j >= 0; j--) {
				common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
						: Math.max(common[i + 1][j], common[i][j + 1]);
			}
		}
		int i = 0;
		int j = 0;
		while (i < a.size() && j < b.size()) {
			if (a.get(i).equals(b.get(j))) {
				diff.add(new Line(Kind.SAME, a.get(i++)));
				j++;
			}
			else if (common[i + 1][j] >= common[i][j + 1]) {
				diff.add(new Line(Kind.REMOVED, a.get(i++)));
			}
			else {
				diff.add(new Line(Kind.ADDED, b.get(j++)));
			}
		}
		a.subList(i, a.size()).forEach((text) -> diff.add(new Line(Kind.REMOVED, text)));
		b.subList(j, b.size()).forEach((text) -> diff.add(new Line(Kind.ADDED, text)));
	}

	private static List<String> lines(String text) {
		return (text == null || text.isEmpty()) ? List.of() : List.of(text.split("\r?\n", -1));
	}

	enum Kind {

		SAME(" "), ADDED("+"), REMOVED("-");

		private final String sign;

		Kind(String sign) {
			this.sign = sign;
		}

		public String sign() {
			return this.sign;
		}

		public String cssClass() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	record Line(Kind kind, String text) {

	}

}
