package io.herald.worker.event;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.herald.core.support.LogSafe;
import io.herald.worker.config.HeraldWorkerProperties;
import io.herald.worker.fanout.EventKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the processing of each (tenant, event id) of a batch at most once with effect,
 * however often Kafka delivers it, with two Redis round trips per batch: each one Lua
 * script over all of the batch's keys ({@link #CLAIM}, {@link #SETTLE}), so the worker
 * encodes and decodes one command per round trip instead of two per event. The keys and
 * what is stored under them are those of the per-key commands the scripts replace.
 *
 * <ol>
 * <li>Copies of one event inside the batch are processed once.</li>
 * <li>One round trip takes a short claim (a lock with a lease, {@code SET NX PX}) on each
 * event and reads its done-marker ({@code EXISTS}); an event with a marker is skipped
 * without touching the database. The claim comes first, so a worker that wins it after
 * another released it also sees that one's marker.</li>
 * <li>The rest is processed, guarded by PostgreSQL: the work reports which events it
 * stored; the others were in the event log already. An event claimed by another worker
 * right now is processed too and left to that guard, which waits for the other
 * transaction. That guard alone keeps the result exactly-once when Redis is down or a
 * claim's lease ran out.</li>
 * <li>After the commit, one round trip sets the done-markers ({@code SET PX}) and
 * releases the claims (compare-and-delete, so a claim that expired and was taken by
 * another worker is left alone).</li>
 * </ol>
 * A script reads and writes keys of many hash slots: right for the one Redis server the
 * worker connects to ({@code RedissonConfiguration}); a Redis Cluster would need one
 * script per slot (decision 0088).
 * <p>
 * Redis failures never fail a batch: the worker goes degraded (counted as
 * {@code herald.dedupe.degraded}) and skips Redis for
 * {@code herald.worker.dedupe.redis-retry-interval}.
 */
@Component
public class EventDeduplicator {

	private static final Logger log = LoggerFactory.getLogger(EventDeduplicator.class);

	/** A flag of the claim script's answer: this batch took the event's claim. */
	private static final int CLAIMED = 1;

	/** A flag of the claim script's answer: the event's done-marker exists. */
	private static final int DONE = 2;

	/**
	 * The first round trip. KEYS: each event's claim key, then its done key; ARGV: this
	 * batch's token, the lease in ms. Answers one digit per event,
	 * {@code CLAIMED | DONE}.
	 */
	static final String CLAIM = """
			local flags = {}
			for i = 1, #KEYS, 2 do
			  local flag = 0
			  if redis.call('set', KEYS[i], ARGV[1], 'NX', 'PX', ARGV[2]) then flag = 1 end
			  if redis.call('exists', KEYS[i + 1]) == 1 then flag = flag + 2 end
			  flags[#flags + 1] = flag
			end
			return table.concat(flags)
			""";

	/**
	 * The second round trip. KEYS: the done-markers to set (ARGV[3] of them), then the
	 * claims to release; ARGV: the batch's token, the markers' time to live in ms, the
	 * number of markers. A claim is deleted only while it still holds this batch's token.
	 */
	static final String SETTLE = """
			local marks = tonumber(ARGV[3])
			for i = 1, #KEYS do
			  if i <= marks then
			    redis.call('set', KEYS[i], '1', 'PX', ARGV[2])
			  elseif redis.call('get', KEYS[i]) == ARGV[1] then
			    redis.call('del', KEYS[i])
			  end
			end
			return #KEYS
			""";

	private final RedissonClient redis;

	private final HeraldWorkerProperties.Dedupe settings;

	private final Counter batchHits;

	private final Counter redisHits;

	private final Counter databaseHits;

	private final Counter degraded;

	private volatile long skipRedisUntil = System.nanoTime();

	EventDeduplicator(RedissonClient redis, HeraldWorkerProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.settings = properties.dedupe();
		this.batchHits = meters.counter("herald.dedupe.hits", "guard", "batch");
		this.redisHits = meters.counter("herald.dedupe.hits", "guard", "redis");
		this.databaseHits = meters.counter("herald.dedupe.hits", "guard", "database");
		this.degraded = meters.counter("herald.dedupe.degraded");
	}

	/**
	 * Runs {@code work} for those of {@code keys} that were not processed already.
	 * @param keys the events of a batch, copies allowed
	 * @param work processes the events it is given in one transaction and answers which
	 * of them it stored (the others: the database already had them)
	 * @return the events this call processed
	 */
	public Set<EventKey> processOnce(List<EventKey> keys, Function<List<EventKey>, Set<EventKey>> work) {
		Set<EventKey> distinct = new LinkedHashSet<>(keys);
		if (distinct.size() < keys.size()) {
			this.batchHits.increment(keys.size() - distinct.size());
		}
		Claims claims = claim(distinct);
		List<EventKey> todo = distinct.stream().filter((key) -> !claims.done().contains(key)).toList();
		if (claims.done().size() > 0) {
			this.redisHits.increment(claims.done().size());
		}
		Set<EventKey> processed;
		try {
			processed = todo.isEmpty() ? Set.of() : work.apply(todo);
		}
		catch (RuntimeException ex) {
			settle(claims, List.of());
			throw ex;
		}
		if (processed.size() < todo.size()) {
			this.databaseHits.increment(todo.size() - processed.size());
		}
		settle(claims, todo);
		return processed;
	}

	private Claims claim(Set<EventKey> keys) {
		if (System.nanoTime() - this.skipRedisUntil < 0) {
			this.degraded.increment();
			return Claims.NONE;
		}
		String token = UUID.randomUUID().toString();
		List<EventKey> ordered = new ArrayList<>(keys);
		List<Object> redisKeys = new ArrayList<>(2 * ordered.size());
		for (EventKey key : ordered) {
			redisKeys.add(claimKey(key));
			redisKeys.add(doneKey(key));
		}
		try {
			String flags = this.redis.getScript(StringCodec.INSTANCE)
				.eval(RScript.Mode.READ_WRITE, CLAIM, RScript.ReturnType.STRING, redisKeys, token,
						String.valueOf(this.settings.lockLease().toMillis()));
			if (flags == null || flags.length() != ordered.size()) {
				throw new IllegalStateException(
						"the claim script answered " + ((flags == null) ? "nothing" : flags.length() + " flags")
								+ " for " + ordered.size() + " events");
			}
			Set<EventKey> claimed = new HashSet<>();
			Set<EventKey> done = new HashSet<>();
			for (int i = 0; i < ordered.size(); i++) {
				int flag = flags.charAt(i) - '0';
				if ((flag & CLAIMED) != 0) {
					claimed.add(ordered.get(i));
				}
				if ((flag & DONE) != 0) {
					done.add(ordered.get(i));
				}
			}
			return new Claims(token, claimed, done);
		}
		catch (RuntimeException ex) {
			degrade(ex);
			return Claims.NONE;
		}
	}

	/** Marks {@code settled} done and releases every claim this batch holds. */
	private void settle(Claims claims, List<EventKey> settled) {
		if (claims == Claims.NONE || (claims.claimed().isEmpty() && settled.isEmpty())) {
			return;
		}
		List<Object> redisKeys = new ArrayList<>(settled.size() + claims.claimed().size());
		settled.forEach((key) -> redisKeys.add(doneKey(key)));
		claims.claimed().forEach((key) -> redisKeys.add(claimKey(key)));
		try {
			this.redis.getScript(StringCodec.INSTANCE)
				.eval(RScript.Mode.READ_WRITE, SETTLE, RScript.ReturnType.LONG, redisKeys, claims.token(),
						String.valueOf(this.settings.doneTtl().toMillis()), String.valueOf(settled.size()));
		}
		catch (RuntimeException ex) {
			// the markers only save work; the claims expire with their lease
			log.atWarn()
				.addKeyValue("events", settled.size())
				.addKeyValue("cause", LogSafe.of(ex.getMessage()))
				.log("Cannot set done-markers or release claims in Redis");
		}
	}

	private void degrade(RuntimeException cause) {
		this.skipRedisUntil = System.nanoTime() + this.settings.redisRetryInterval().toNanos();
		this.degraded.increment();
		log.atWarn()
			.addKeyValue("cause", LogSafe.of(cause.getMessage()))
			.addKeyValue("retryIn", this.settings.redisRetryInterval())
			.log("Redis unavailable, deduplicating by the database only");
	}

	private static String doneKey(EventKey key) {
		return "herald:event:{" + key.tenantId() + ":" + key.eventId() + "}:done";
	}

	private static String claimKey(EventKey key) {
		return "herald:event:{" + key.tenantId() + ":" + key.eventId() + "}:claim";
	}

	/**
	 * What the first round trip found.
	 *
	 * @param token this batch's claim value
	 * @param claimed the events this batch holds the claim of
	 * @param done the events already processed
	 */
	private record Claims(String token, Set<EventKey> claimed, Set<EventKey> done) {

		static final Claims NONE = new Claims(null, Set.of(), Set.of());

	}

}
