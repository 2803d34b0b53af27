package io.herald.core.support;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles tenant-supplied regular expressions with RE2/J, whose matching takes time
 * linear in the input: no pattern can backtrack for minutes ({@code ^(.*a){20}$}). Before
 * compiling, the pattern's length and its size once counted repetitions are expanded
 * ({@code ((a{1000}){1000}){1000}}) are bounded, since RE2/J builds its program by
 * expanding them and would run out of memory. Backreferences and lookaround, which cannot
 * run in linear time, are refused.
 */
public final class SafeRegex {

	public static final int MAX_PATTERN_LENGTH = 1_000;

	public static final int MAX_EXPANDED_SIZE = 20_000;

	private SafeRegex() {
	}

	/**
	 * @throws IllegalArgumentException with a reason that can be shown to the tenant
	 */
	public static Pattern compile(String regex) {
		if (regex.length() > MAX_PATTERN_LENGTH) {
			throw new IllegalArgumentException(
					"regular expression is longer than " + MAX_PATTERN_LENGTH + " characters");
		}
		if (new ExpandedSize(regex).measure() > MAX_EXPANDED_SIZE) {
			throw new IllegalArgumentException("regular expression '" + regex + "' repeats too much");
		}
		try {
			return Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException(
					"regular expression '" + regex + "' is not supported (RE2 syntax): " + ex.getDescription());
		}
	}

	/**
	 * An upper estimate of how many atoms a pattern has once {@code {n,m}} repetitions
	 * are expanded: a recursive descent over groups, classes and escapes.
	 */
	private static final class ExpandedSize {

		private final String regex;

		private int at;

		ExpandedSize(String regex) {
			this.regex = regex;
		}

		long measure() {
			long size = alternation();
			// an unbalanced ')' ends the walk early: count the rest flatly, RE2/J refuses
			// it
			return size + (this.regex.length() - this.at);
		}

		private long alternation() {
			long size = 0;
			while (this.at < this.regex.length() && this.regex.charAt(this.at) != ')') {
				long atom = atom();
				size = Math.min(Long.MAX_VALUE / 2, size + repeat(atom));
			}
			return size;
		}

		private long atom() {
			char c = this.regex.charAt(this.at++);
			switch (c) {
				case '\\' -> {
					skipEscape();
					return 1;
				}
				case '[' -> {
					skipClass();
					return 1;
				}
				case '(' -> {
					long inner = alternation();
					if (this.at < this.regex.length()) {
						this.at++;
					}
					return Math.max(inner, 1);
				}
				default -> {
					return 1;
				}
			}
		}

		private long repeat(long atom) {
			if (this.at >= this.regex.length()) {
				return atom;
			}
			char c = this.regex.charAt(this.at);
			if (c == '*' || c == '+' || c == '?') {
				this.at++;
				skipLazy();
				return atom + 1;
			}
			if (c == '{') {
				int close = this.regex.indexOf('}', this.at);
				String counts = (close > 0) ? this.regex.substring(this.at + 1, close) : "";
				if (counts.matches("\\d{1,7}(,\\d{0,7})?")) {
					this.at = close + 1;
					skipLazy();
					String[] bounds = counts.split(",", -1);
					long times = Long.parseLong((bounds.length > 1 && !bounds[1].isEmpty()) ? bounds[1] : bounds[0]);
					return Math.min(Long.MAX_VALUE / 4, atom * Math.max(times, 1) + 1);
				}
			}
			return atom;
		}

		private void skipLazy() {
			if (this.at < this.regex.length() && this.regex.charAt(this.at) == '?') {
				this.at++;
			}
		}

		private void skipEscape() {
			if (this.at >= this.regex.length()) {
				return;
			}
			char c = this.regex.charAt(this.at++);
			if ((c == 'p' || c == 'P' || c == 'x') && this.at < this.regex.length()
					&& this.regex.charAt(this.at) == '{') {
				int close = this.regex.indexOf('}', this.at);
				this.at = (close > 0) ? close + 1 : this.regex.length();
			}
		}

		private void skipClass() {
			if (this.at < this.regex.length() && this.regex.charAt(this.at) == '^') {
				this.at++;
			}
			if (this.at < this.regex.length() && this.regex.charAt(this.at) == ']') {
				this.at++;
			}
			while (this.at < this.regex.length() && this.regex.charAt(this.at) != ']') {
				if (this.regex.charAt(this.at++) == '\\') {
					skipEscape();
				}
			}
			if (this.at < this.regex.length()) {
				this.at++;
			}
		}

	}

}
