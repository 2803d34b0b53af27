package io.herald.local.invariants;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The faults the suite injects, each as timed steps while its share of the events is
 * published; {@link #TOGETHER} overlaps them all.
 */
enum Fault {

	BASELINE("baseline"), WORKER_KILL("worker-kill"), REDIS_STOP("redis-stop"), POSTGRES_PAUSE("postgres-pause"),
	POSTGRES_STOP("postgres-stop"), RECEIVER_FLAKY("receiver-flaky"), KAFKA_RESTART("kafka-restart"),
	TOGETHER("together");

	private final String label;

	Fault(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

	static Fault named(String label) {
		return Arrays.stream(values())
			.filter((fault) -> fault.label.equals(label))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown fault " + label + "; known: "
					+ Arrays.stream(values()).map(Fault::label).collect(Collectors.joining(", "))));
	}

	/**
	 * What the suite can do to the stack.
	 */
	interface Injector {

		void killWorker(int index);

		void restartWorker(int index);

		void stopRedis();

		void startRedis();

		void pausePostgres();

		void resumePostgres();

		void stopPostgres();

		void startPostgres();

		void receiverFlaky(boolean flaky);

		void stopKafka();

		void startKafka();

	}

	/** One action, taken {@code after} the previous one ended. */
	record Step(Duration after, String description, Runnable action) {
	}

	/** The steps of this fault, with the durations of {@code options}. */
	List<Step> steps(InvariantOptions options, Injector injector) {
		Duration lead = options.phase().dividedBy(4);
		List<Step> steps = new ArrayList<>();
		switch (this) {
			case BASELINE -> {
			}
			case WORKER_KILL -> {
				steps.add(new Step(lead, "kill -9 worker-1", () -> injector.killWorker(0)));
				steps.add(new Step(options.workerDown(), "restart worker-1", () -> injector.restartWorker(0)));
			}
			case REDIS_STOP -> {
				steps.add(new Step(lead, "stop Redis", injector::stopRedis));
				steps.add(new Step(options.redisDown(), "start Redis", injector::startRedis));
			}
			case POSTGRES_PAUSE -> {
				steps.add(new Step(lead, "SIGSTOP PostgreSQL", injector::pausePostgres));
				steps.add(new Step(options.postgresPause(), "SIGCONT PostgreSQL", injector::resumePostgres));
			}
			case POSTGRES_STOP -> {
				steps.add(new Step(lead, "stop PostgreSQL", injector::stopPostgres));
				steps.add(new Step(options.postgresDown(), "start PostgreSQL", injector::startPostgres));
			}
			case RECEIVER_FLAKY -> {
				steps.add(
						new Step(Duration.ZERO, "receiver: 30 % 5xx and timeouts", () -> injector.receiverFlaky(true)));
				steps.add(new Step(options.flaky(), "receiver: healthy", () -> injector.receiverFlaky(false)));
			}
			case KAFKA_RESTART -> {
				steps.add(new Step(lead, "stop the Kafka broker", injector::stopKafka));
				steps.add(new Step(options.kafkaDown(), "start the Kafka broker", injector::startKafka));
			}
			case TOGETHER -> {
				steps.add(
						new Step(Duration.ZERO, "receiver: 30 % 5xx and timeouts", () -> injector.receiverFlaky(true)));
				steps.add(new Step(lead, "kill -9 worker-2", () -> injector.killWorker(1)));
				steps.add(new Step(Duration.ZERO, "stop Redis", injector::stopRedis));
				steps.add(new Step(Duration.ofSeconds(2), "SIGSTOP PostgreSQL", injector::pausePostgres));
				steps.add(new Step(options.postgresPause(), "SIGCONT PostgreSQL", injector::resumePostgres));
				steps.add(new Step(Duration.ZERO, "stop the Kafka broker", injector::stopKafka));
				steps.add(new Step(options.kafkaDown(), "start the Kafka broker", injector::startKafka));
				steps.add(new Step(Duration.ZERO, "stop PostgreSQL", injector::stopPostgres));
				steps.add(new Step(options.postgresDown(), "start PostgreSQL", injector::startPostgres));
				steps.add(new Step(Duration.ZERO, "start Redis", injector::startRedis));
				steps.add(new Step(Duration.ZERO, "restart worker-2", () -> injector.restartWorker(1)));
				steps.add(new Step(Duration.ZERO, "receiver: healthy", () -> injector.receiverFlaky(false)));
			}
		}
		return steps;
	}

	/** Worker processes this fault kills. */
	int crashes() {
		return (this == WORKER_KILL || this == TOGETHER) ? 1 : 0;
	}

	/** How long the events of this fault are spread over. */
	Duration window(InvariantOptions options) {
		Duration lead = options.phase().dividedBy(4);
		Duration faultTime = switch (this) {
			case BASELINE -> Duration.ZERO;
			case WORKER_KILL -> lead.plus(options.workerDown());
			case REDIS_STOP -> lead.plus(options.redisDown());
			case POSTGRES_PAUSE -> lead.plus(options.postgresPause());
			case POSTGRES_STOP -> lead.plus(options.postgresDown());
			case RECEIVER_FLAKY -> options.flaky();
			case KAFKA_RESTART -> lead.plus(options.kafkaDown());
			case TOGETHER -> lead.plus(Duration.ofSeconds(2))
				.plus(options.postgresPause())
				.plus(options.kafkaDown())
				.plus(options.postgresDown());
		};
		return (faultTime.compareTo(options.phase()) > 0) ? faultTime : options.phase();
	}

}
