package io.herald.local.invariants;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * {@code java -jar herald-local.jar invariants [--option=value ...]}: the invariant suite
 * of issue 6 (docs/reliability.md). Returns 0 when every invariant held, 1 when one did
 * not, 2 for bad options or a failure to start or to inject a fault.
 */
public final class InvariantCommand {

	private InvariantCommand() {
	}

	/** Runs the command; returns the process exit code. */
	public static int run(List<String> args) {
		if (args.contains("--help")) {
			System.out.println(InvariantOptions.USAGE);
			return 0;
		}
		InvariantOptions options;
		try {
			options = InvariantOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println();
			System.err.println(InvariantOptions.USAGE);
			return 2;
		}
		try {
			return execute(options).result().passed() ? 0 : 1;
		}
		catch (IOException | SQLException | RuntimeException ex) {
			System.err.println("The invariant suite failed: " + ex);
			ex.printStackTrace();
			return 2;
		}
	}

	/** What a run produced. */
	record Outcome(Verification.Result result, String report, Path reportFile) {
	}

	static Outcome execute(InvariantOptions options) throws IOException, SQLException {
		Instant startedAt = Instant.now();
		String loadBefore = loadAverage();
		Path workDir = (options.workDir() != null) ? Files.createDirectories(options.workDir())
				: Files.createTempDirectory("herald-invariants");
		String runTag = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toLowerCase(Locale.ROOT);
		SuitePlan plan = new SuitePlan(runTag, options.faults(), options.events(), options.doomedEvery(),
				options.poisonPerFault());
		DriverManager.setLoginTimeout(5);
		String report;
		Verification.Result result;
		// the receiver's slow answers outlast the workers' 3 s send deadline
		try (HttpClient http = HttpClient.newBuilder()
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.connectTimeout(Duration.ofSeconds(5))
			.build();
				FaultReceiver receiver = FaultReceiver.start(Duration.ofSeconds(5));
				InvariantStack stack = InvariantStack.start(options, workDir, receiver)) {
			SuiteTenants tenants = SuiteTenants.create(http, stack.apiUrl(), stack.operatorPassword(), runTag,
					receiver);
			SuiteRun run;
			try (SuitePublisher publisher = new SuitePublisher(stack.kafkaBootstrapServers())) {
				run = new SuiteRun(options, plan, tenants, stack, receiver, publisher);
				run.run();
				publisher.flush();
				result = Verification.verify(plan, tenants, stack, receiver, publisher.failed());
			}
			report = InvariantReport.markdown(options, plan, result, run.timeline(), startedAt,
					Duration.between(startedAt, Instant.now()), loadBefore);
		}
		System.out.println();
		System.out.println(report);
		Path out = options.out().toAbsolutePath();
		if (out.getParent() != null) {
			Files.createDirectories(out.getParent());
		}
		Files.writeString(out, report);
		System.out.println("Report written to " + out + "; logs in " + workDir.resolve("logs"));
		return new Outcome(result, report, out);
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " / " + fields[1] + " / " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

}
