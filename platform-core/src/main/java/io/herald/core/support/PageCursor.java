package io.herald.core.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.herald.core.error.InvalidInputException;

/**
 * The position after which a keyset page starts: the sort key of the last item shown,
 * tagged with the list it belongs to. Opaque to callers (URL-safe Base64); a cursor of
 * another list, or one that was tampered with, is refused as invalid input.
 *
 * @param list the list's name, e.g. {@code event-types}
 * @param keys the sort key of the last item, most significant first
 */
public record PageCursor(String list, List<String> keys) {

	private static final int MAX_LENGTH = 2048;

	private static final char SEPARATOR = '\u0000';

	public PageCursor {
		keys = List.copyOf(keys);
	}

	public static PageCursor of(String list, Object... keys) {
		return new PageCursor(list, Arrays.stream(keys).map(String::valueOf).toList());
	}

	public String encode() {
		String text = this.list + SEPARATOR + String.join(String.valueOf(SEPARATOR), this.keys);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @throws InvalidInputException unless the text is a cursor of {@code list} with
	 * {@code keyCount} keys
	 */
	static PageCursor decode(String list, int keyCount, String cursor) {
		if (cursor.length() > MAX_LENGTH) {
			throw invalid();
		}
		String text;
		try {
			text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
		List<String> parts = List.of(text.split(String.valueOf(SEPARATOR), -1));
		if (parts.size() != keyCount + 1 || !parts.get(0).equals(list)) {
			throw invalid();
		}
		return new PageCursor(list, parts.subList(1, parts.size()));
	}

	public String text(int index) {
		return this.keys.get(index);
	}

	public Instant instant(int index) {
		try {
			return Instant.parse(this.keys.get(index));
		}
		catch (RuntimeException ex) {
			throw invalid();
		}
	}

	public UUID uuid(int index) {
		try {
			return UUID.fromString(this.keys.get(index));
		}
		catch (RuntimeException ex) {
			throw invalid();
		}
	}

	public int number(int index) {
		try {
			return Integer.parseInt(this.keys.get(index));
		}
		catch (RuntimeException ex) {
			throw invalid();
		}
	}

	private static InvalidInputException invalid() {
		return InvalidInputException.of("cursor", "is not a cursor of this list: start again without one");
	}

}
