package io.herald.local.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * Starts Herald apps as operating-system processes of their own (a JVM each, running
 * {@code io.herald.local.LocalAppMain}) on this JVM's classpath: from
 * {@code java -jar herald-local.jar} through Spring Boot's {@code PropertiesLauncher},
 * from a test or an IDE with the plain classpath. Each process logs to
 * {@code <logDir>/<name>.log}. Secrets go to the child's environment, never its command
 * line (which {@code ps} shows).
 *
 * @param logDir where each process's output goes
 * @param jvmOptions options for every child JVM (e.g. {@code -Xmx512m})
 */
public record AppLauncher(Path logDir, List<String> jvmOptions) {

	static final String MAIN_CLASS = "io.herald.local.LocalAppMain";

	private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

	/**
	 * Starts {@code app} ({@code api}, {@code worker}, {@code admin}) as process
	 * {@code name} with the given properties; does not wait for it to be ready.
	 */
	public AppProcess start(String name, String app, Map<String, String> properties) {
		List<String> command = javaCommand(this.jvmOptions, MAIN_CLASS);
		command.add(app);
		ProcessBuilder builder = new ProcessBuilder();
		properties.forEach((key, value) -> {
			if (isSecret(key)) {
				builder.environment().put(environmentName(key), value);
			}
			else {
				command.add("--" + key + "=" + value);
			}
		});
		try {
			Files.createDirectories(this.logDir);
			Path log = this.logDir.resolve(name + ".log");
			builder.command(command)
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			int port = Integer.parseInt(properties.getOrDefault("server.port", "0"));
			return new AppProcess(name, builder.start(), port, log, () -> start(name, app, properties));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + name, ex);
		}
	}

	/**
	 * Starts {@code mainClass} of this JVM's classpath as process {@code name} with the
	 * given JVM options and arguments, output appended to {@code <logDir>/<name>.log};
	 * e.g. a server that a fault-injection suite must stop and start on its own.
	 */
	public Process startMain(String name, List<String> jvmOptions, String mainClass, List<String> args) {
		List<String> command = javaCommand(jvmOptions, mainClass);
		command.addAll(args);
		try {
			Files.createDirectories(this.logDir);
			return new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logDir.resolve(name + ".log").toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + name, ex);
		}
	}

	/**
	 * {@code java <options> -cp <this classpath> <mainClass>}, through Spring Boot's
	 * launcher when this JVM runs the executable jar.
	 */
	private static List<String> javaCommand(List<String> jvmOptions, String mainClass) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		String classpath = System.getProperty("java.class.path");
		command.add("-cp");
		command.add(classpath);
		if (isExecutableJar(classpath)) {
			command.add("-Dloader.main=" + mainClass);
			command.add(BOOT_LAUNCHER);
		}
		else {
			command.add(mainClass);
		}
		return command;
	}

	private static boolean isSecret(String key) {
		String lower = key.toLowerCase(Locale.ROOT);
		return lower.endsWith("password") || lower.endsWith(".key") || lower.contains("secret");
	}

	/**
	 * Spring Boot's relaxed binding reads {@code herald.crypto.key} from
	 * {@code HERALD_CRYPTO_KEY}.
	 */
	static String environmentName(String key) {
		return key.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
	}

	private static boolean isExecutableJar(String classpath) {
		if (classpath.contains(File.pathSeparator) || !classpath.endsWith(".jar")) {
			return false;
		}
		try (JarFile jar = new JarFile(classpath)) {
			return jar.getEntry("BOOT-INF/lib/") != null || jar.getEntry("BOOT-INF/classes/") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
