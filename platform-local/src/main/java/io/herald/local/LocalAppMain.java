package io.herald.local;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs one Herald app ({@code api}, {@code worker} or {@code admin}) in a process of its
 * own, configured as local mode configures it, so that a tool can start, measure, kill
 * and restart each app separately:
 * {@code java -cp herald-local.jar ... io.herald.local.LocalAppMain worker --server.port=8082 ...}.
 * The process stops its app on SIGTERM.
 */
public final class LocalAppMain {

	private LocalAppMain() {
	}

	public static void main(String[] args) {
		if (args.length == 0) {
			System.err.println("usage: LocalAppMain api|worker|admin [--property=value ...]");
			System.exit(2);
		}
		Map<String, String> properties = new LinkedHashMap<>();
		for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Expected --property=value, got " + arg);
			}
			properties.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		// a process of its own: Spring stops the app on SIGTERM
		properties.put("spring.main.register-shutdown-hook", "true");
		properties.put("logging.register-shutdown-hook", "true");
		ConfigurableApplicationContext context = app(args[0]).start(properties);
		context.registerShutdownHook();
	}

	static LocalApp app(String name) {
		return LocalApp.valueOf(name.toUpperCase(Locale.ROOT));
	}

}
