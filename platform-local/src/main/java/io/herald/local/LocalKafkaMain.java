package io.herald.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Local mode's KRaft broker in a process of its own, for a fault-injection suite that
 * must stop and restart the broker without stopping itself:
 * {@code java -cp herald-local.jar io.herald.local.LocalKafkaMain <log-dir> <port> <controller-port>}.
 * Creates Herald's topics, prints {@value #READY}, and shuts the broker down on SIGTERM.
 */
public final class LocalKafkaMain {

	static final String READY = "herald-kafka-ready";

	private LocalKafkaMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (args.length != 3) {
			System.err.println("usage: LocalKafkaMain <log-dir> <port> <controller-port>");
			System.exit(2);
		}
		LocalKafka kafka = LocalKafka.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			kafka.close();
			stopped.countDown();
		}, "kafka-shutdown"));
		kafka.createTopics(EmbeddedServers.TOPICS);
		System.out.println(READY + " " + kafka.bootstrapServers());
		stopped.await();
	}

}
