package io.herald.local.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import io.herald.local.bench.HeraldApi.BenchTenant;

/**
 * One scenario through one ingest mode: set the tenants up, warm up, then publish
 * {@code events} open loop (each event has a scheduled send time; latency counts from it,
 * so a stalled sender cannot hide a stalled Herald) and wait until every notification
 * arrived or nothing arrived for the drain timeout. Prints a progress line every second.
 */
final class BenchRun {

	private final BenchOptions options;

	private final BenchStack stack;

	private final Receiver receiver;

	private final Monitor monitor;

	private final HttpClient http;

	BenchRun(BenchOptions options, BenchStack stack, Receiver receiver, Monitor monitor, HttpClient http) {
		this.options = options;
		this.stack = stack;
		this.receiver = receiver;
		this.monitor = monitor;
		this.http = http;
	}

	RunResult run(Scenario scenario, Ingest ingest, String runTag) {
		HeraldApi api = new HeraldApi(this.stack.apiUrl(), this.stack.operatorUser(), this.stack.operatorPassword(),
				this.http);
		List<BenchTenant> tenants = api.setUp(scenario, runTag, this.receiver);
		ReplayLoad replay = (scenario == Scenario.REPLAY)
				? new ReplayLoad(this.stack, this.http, this.options.replayRows(), this.options.replayRate()) : null;
		if (replay != null) {
			replay.seed(tenants.get(0));
		}
		int events = this.options.events();
		Tracker tracker = new Tracker(runTag, events, scenario.fanout());
		this.receiver.track(tracker);
		try (EventSink sink = sink(ingest, api)) {
			Warmup warmup = warmUp(scenario, tenants, tracker, sink);
			sink.acceptLatencies().clear();
			PostgresStatements statements = this.options.pgStatements() ? PostgresStatements.start(this.stack) : null;
			AtomicInteger sent = new AtomicInteger();
			String label = scenario.label() + "/" + ingest.label();
			this.monitor.begin();
			ScheduledExecutorService ticker = Executors
				.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
			long started = System.nanoTime();
			long[] lastDelivered = { 0 };
			ticker.scheduleAtFixedRate(() -> {
				this.monitor.sample();
				long delivered = tracker.delivered();
				System.out.printf("[%s] %3ds  sent %,d/%,d  delivered %,d/%,d notifications  %,d/s%n", label,
						(System.nanoTime() - started) / 1_000_000_000L, sent.get(), events, delivered,
						tracker.expected(), delivered - lastDelivered[0]);
				lastDelivered[0] = delivered;
			}, 1, 1, TimeUnit.SECONDS);
			try {
				if (replay != null) {
					// the job starts with the live events
					replay.start(("bench-" + runTag + "-0").toLowerCase(java.util.Locale.ROOT));
				}
				publish(scenario, tenants, tracker, sink, sent);
				sink.flush();
				drain(tracker, tenants, label);
			}
			finally {
				ticker.shutdownNow();
			}
			List<Monitor.Usage> usage = this.monitor.end();
			PostgresStatements.Window postgres = (statements != null) ? statements.end() : null;
			ReplayLoad.Result replayed = (replay != null) ? replay.finish(tenants.get(0), replay.patience()) : null;
			if (replayed != null) {
				System.out.printf("[%s] %s%n", label, replayed);
			}
			double seconds = Math.max(0, tracker.lastReceive() - tracker.firstScheduled()) / 1e9;
			boolean noisy = scenario.hasNoisyTenant();
			return new RunResult(scenario, ingest, events, this.options.rate(), tracker.rejectedCount(), seconds,
					tracker.latencies((index) -> true),
					noisy ? tracker.latencies((index) -> scenario.tenantOf(index) != 0) : null,
					noisy ? tracker.latencies((index) -> scenario.tenantOf(index) == 0) : null,
					sink.acceptLatencies().sorted(), usage, tracker, replayed, postgres,
					LatencyStages.of(this.stack, tenants, tracker), warmup);
		}
	}

	private EventSink sink(Ingest ingest, HeraldApi api) {
		return switch (ingest) {
			case KAFKA -> new EventSink.Kafka(this.stack.servers().kafkaBootstrapServers());
			case REST -> new EventSink.Rest(api.eventsUrl(), this.options.restConcurrency());
			case REST_BATCH -> new EventSink.RestBatch(api.eventsUrl(), this.options.restConcurrency());
		};
	}

	/**
	 * Sends {@code --warmup} events (at the run's rate, so that every process's JIT, the
	 * bench JVM's broker included, compiles for the traffic that is measured, small
	 * batches included), then more rounds of as many until the JIT of every JVM has
	 * settled ({@link Warmup}) or {@code --warmup-max} has passed, and waits for their
	 * notifications.
	 */
	private Warmup warmUp(Scenario scenario, List<BenchTenant> tenants, Tracker tracker, EventSink sink) {
		int round = this.options.warmup();
		if (round == 0) {
			return Warmup.NONE;
		}
		int rate = this.options.rate();
		int threshold = this.options.warmupJit();
		String label = scenario.label() + "/warm-up";
		System.out.printf("[%s] warming up with %,d events %s%s...%n", label, round,
				(rate > 0) ? "at %,d/s ".formatted(rate) : "",
				(threshold > 0)
						? "and rounds of as many until no JVM compiles more than %d %% of a core ".formatted(threshold)
						: "");
		long start = System.nanoTime();
		long giveUpAt = start + this.options.warmupMax().toNanos();
		int sent = 0;
		int rounds = 0;
		Map<String, Double> lastRound = Map.of();
		boolean settled;
		Map<String, Long> jitBefore = this.monitor.jitNanos();
		long roundStart = start;
		while (true) {
			for (int end = sent + round; sent < end; sent++) {
				if (rate > 0) {
					awaitSchedule(start + (long) (sent * (1e9 / rate)));
				}
				sink.send(sent, tracker.warmupId(sent), tenants.get(scenario.tenantOf(sent)), (failed) -> {
				});
			}
			rounds++;
			if (rate == 0) {
				// as fast as possible: a round is sent and delivered before the next
				sink.flush();
				long expected = (long) sent * scenario.fanout();
				awaitQuiet(tracker::warmupDelivered, () -> expected);
			}
			long now = System.nanoTime();
			Map<String, Long> jitAfter = this.monitor.jitNanos();
			lastRound = Warmup.jitPercent(jitBefore, jitAfter, now - roundStart);
			settled = Warmup.settled(lastRound, threshold);
			if (threshold == 0 || settled || now >= giveUpAt) {
				break;
			}
			System.out.printf("[%s] %,d events in %ds; JIT compiling: %s; one more round%n", label, sent,
					(now - start) / 1_000_000_000L, Warmup.describe(lastRound));
			jitBefore = jitAfter;
			roundStart = now;
		}
		sink.flush();
		long expected = (long) sent * scenario.fanout();
		awaitQuiet(tracker::warmupDelivered, () -> expected);
		if (tracker.warmupDelivered() < expected) {
			System.out.printf("warm-up: only %,d of %,d notifications arrived; measuring anyway%n",
					tracker.warmupDelivered(), expected);
		}
		Warmup warmup = new Warmup(sent, (System.nanoTime() - start) / 1e9, rounds, settled || threshold == 0,
				lastRound, this.options.checkpoint() ? this.stack.checkpoint() : null);
		System.out.printf("[%s] %s%n", label, warmup.summary(threshold));
		return warmup;
	}

	private void publish(Scenario scenario, List<BenchTenant> tenants, Tracker tracker, EventSink sink,
			AtomicInteger sent) {
		int rate = this.options.rate();
		long start = System.nanoTime() + Duration.ofMillis(20).toNanos();
		for (int index = 0; index < this.options.events(); index++) {
			long scheduled;
			if (rate > 0) {
				scheduled = start + (long) (index * (1e9 / rate));
				awaitSchedule(scheduled);
			}
			else {
				scheduled = System.nanoTime();
			}
			tracker.scheduled(index, scheduled);
			sink.send(index, tracker.eventId(index), tenants.get(scenario.tenantOf(index)), tracker::rejected);
			sent.incrementAndGet();
		}
	}

	private static void awaitSchedule(long scheduled) {
		for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
			LockSupport.parkNanos(wait);
		}
	}

	/**
	 * Waits for the run's notifications; when nothing arrived for the drain timeout but
	 * Herald still holds some that wait for a retry due within {@code --retry-wait},
	 * waits until that retry is due plus the drain timeout (once more for each retry that
	 * fails).
	 */
	private void drain(Tracker tracker, List<BenchTenant> tenants, String label) {
		awaitQuiet(tracker::delivered, tracker::expected);
		long giveUpAt = System.nanoTime() + this.options.retryWait().toNanos();
		while (tracker.delivered() < tracker.expected() && this.stack.servers().jdbcUrl() != null) {
			Outstanding outstanding = Outstanding.of(this.stack, tenants);
			System.out.printf("[%s] drain: %,d notifications not arrived; not SENT in Herald: %s%s%n", label,
					tracker.expected() - tracker.delivered(), outstanding,
					(outstanding.latestDue() != null) ? ", the last one due at " + outstanding.latestDue() : "");
			if (outstanding.inFlight() == 0) {
				return;
			}
			long dueIn = (outstanding.latestDue() != null)
					? Duration.between(java.time.Instant.now(), outstanding.latestDue()).toNanos() : 0;
			long waitUntil = System.nanoTime() + Math.max(0, dueIn) + this.options.drainTimeout().toNanos();
			if (waitUntil > giveUpAt + this.options.drainTimeout().toNanos()) {
				System.out.printf("[%s] drain: not waiting beyond --retry-wait=%ds%n", label,
						this.options.retryWait().toSeconds());
				return;
			}
			long before = tracker.delivered();
			while (tracker.delivered() < tracker.expected() && System.nanoTime() < waitUntil) {
				LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
			}
			if (tracker.delivered() == before && tracker.delivered() < tracker.expected()) {
				awaitQuiet(tracker::delivered, tracker::expected);
			}
		}
	}

	/**
	 * Waits until {@code counter} reaches {@code goal} or stops moving for the drain
	 * timeout.
	 */
	private void awaitQuiet(LongSupplier counter, LongSupplier goal) {
		long quietSince = System.nanoTime();
		long last = counter.getAsLong();
		while (true) {
			long now = counter.getAsLong();
			if (now >= goal.getAsLong()) {
				return;
			}
			if (now != last) {
				last = now;
				quietSince = System.nanoTime();
			}
			else if (System.nanoTime() - quietSince > this.options.drainTimeout().toNanos()) {
				return;
			}
			LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
		}
	}

}
