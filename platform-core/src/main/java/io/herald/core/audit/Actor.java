package io.herald.core.audit;

/**
 * Who did something: a console user, an API key (by its prefix) or Herald itself.
 */
public record Actor(Type type, String name) {

	public static final Actor SYSTEM = new Actor(Type.SYSTEM, "herald");

	public enum Type {

		USER, API_KEY, SYSTEM

	}

	public static Actor user(String username) {
		return new Actor(Type.USER, username);
	}

	public static Actor apiKey(String prefix) {
		return new Actor(Type.API_KEY, prefix);
	}

}
