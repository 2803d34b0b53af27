package io.herald.core.channel;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.herald.core.error.InvalidInputException;

/**
 * EMAIL through Azure Communication Services.
 *
 * @param connectionString {@code endpoint=https://…;accesskey=…} (secret)
 * @param sender the verified sender address
 * @throws InvalidInputException when a field is missing, too long or malformed
 */
public record AcsSettings(String connectionString, String sender) implements ProviderSettings {

	public static final int MAX_CONNECTION_STRING = 2048;

	public static final int MAX_ADDRESS = 320;

	private static final Pattern CONNECTION = Pattern.compile("(?i)endpoint=https://[^;]+;\\s*accesskey=[^;]+;?\\s*");

	public AcsSettings {
		FieldChecks checks = new FieldChecks();
		if (checks.required("connectionString", connectionString, MAX_CONNECTION_STRING)
				&& !CONNECTION.matcher(connectionString).matches()) {
			checks.problem("connectionString", "must look like endpoint=https://…;accesskey=…");
		}
		if (checks.required("sender", sender, MAX_ADDRESS) && !FieldChecks.EMAIL.matcher(sender).matches()) {
			checks.problem("sender", "must be an e-mail address");
		}
		checks.throwIfAny();
	}

	@Override
	public Channel channel() {
		return Channel.EMAIL;
	}

	@Override
	public String provider() {
		return "ACS";
	}

	@Override
	public Map<String, Object> masked() {
		Map<String, Object> view = new LinkedHashMap<>();
		int key = this.connectionString.toLowerCase(Locale.ROOT).indexOf("accesskey=");
		view.put("connectionString",
				(key < 0) ? MASK : this.connectionString.substring(0, key + "accesskey=".length()) + MASK);
		view.put("sender", this.sender);
		return view;
	}

	@Override
	public String toString() {
		return "AcsSettings[sender=" + this.sender + "]";
	}

}
