package io.herald.core.replay;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.herald.core.audit.AuditLog;
import io.herald.core.error.ConflictException;
import io.herald.core.error.InvalidInputException;
import io.herald.core.error.NotFoundException;
import io.herald.core.support.InputRules;
import io.herald.core.support.Page;
import io.herald.core.support.PageQuery;
import io.herald.core.support.TimeKey;
import jakarta.persistence.EntityManager;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk replay of failed notifications, the facade the API and the console share: a dry
 * run counts and samples what a filter selects; a job is stored {@code PENDING} and run
 * by a worker (platform-worker {@code replay/}), which fixes the set of rows when it
 * starts and requeues them in chunks (see {@link ReplayExecution}). A tenant sees its own
 * jobs only; an operator sees all.
 */
@Service
public class ReplayManagement {

	/** The most notifications one job covers; a larger set needs a narrower filter. */
	public static final int MAX_ROWS = 100_000;

	private static final int SAMPLE = 10;

	private static final int LIST_LIMIT = 100;

	private static final String LIST = "replays";

	private final ReplayJobRepository jobs;

	private final InputRules rules;

	private final AuditLog audit;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final EntityManager entities;

	private final EventBackfill backfill;

	ReplayManagement(ReplayJobRepository jobs, InputRules rules, AuditLog audit, JdbcClient jdbc, JsonMapper json,
			Clock clock, EntityManager entities, EventBackfill backfill) {
		this.entities = entities;
		this.backfill = backfill;
		this.jobs = jobs;
		this.rules = rules;
		this.audit = audit;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Counts (up to {@link #MAX_ROWS}) and samples what the request would requeue;
	 * changes nothing.
	 * @throws InvalidInputException for a bad filter
	 */
	@Transactional(readOnly = true)
	public ReplayPreview preview(ReplayScope scope, ReplayRequest request) {
		if (check(request) != ReplayKind.NOTIFICATIONS) {
			throw InvalidInputException.of("kind", "an EVENTS dry run answers with previewBackfill");
		}
		ReplaySelection selection = ReplaySelection.of(scope.tenantId(), request.filter());
		int matched = this.jdbc
			.sql("SELECT count(*) FROM (SELECT 1 FROM notification n WHERE " + selection.where() + " LIMIT " + MAX_ROWS
					+ ") capped")
			.params(selection.params())
			.query(Integer.class)
			.single();
		List<ReplaySample> sample = this.jdbc
			.sql("""
					SELECT n.id, n.tenant_id, n.event_id, n.event_type, n.subscription_id, n.channel, n.recipient,
					    n.status, n.status_reason, n.attempts, n.created_at
					FROM notification n WHERE %s ORDER BY n.created_at DESC LIMIT %d""".formatted(selection.where(),
					SAMPLE))
			.params(selection.params())
			.query((rs, row) -> new ReplaySample(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
					rs.getString("event_id"), rs.getString("event_type"), rs.getObject("subscription_id", UUID.class),
					rs.getString("channel"), rs.getString("recipient"), rs.getString("status"),
					rs.getString("status_reason"), rs.getInt("attempts"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant()))
			.list();
		return new ReplayPreview(matched, sample);
	}

	/**
	 * Counts the stored events an {@code EVENTS} backfill covers, and the notifications
	 * fan-out would create for them through today's subscriptions that do not exist yet,
	 * with a sample; changes nothing.
	 * @throws InvalidInputException for a bad filter
	 */
	@Transactional(readOnly = true)
	public BackfillPreview previewBackfill(ReplayScope scope, ReplayRequest request) {
		check(request);
		return this.backfill.preview(scope.tenantId(), request.filter(), this.clock.instant());
	}

	/**
	 * Stores a {@code PENDING} job for a worker to run and audits it.
	 * @throws InvalidInputException for a bad filter or kind
	 */
	@Transactional
	public ReplayJobView create(ReplayScope scope, ReplayRequest request) {
		ReplayKind kind = check(request);
		ReplayFilter filter = (request.filter() != null) ? request.filter() : ReplayFilter.ALL;
		if (kind == ReplayKind.EVENTS) {
			EventSelection.of(scope.tenantId(), filter);
		}
		else {
			ReplaySelection.of(scope.tenantId(), filter);
		}
		ReplayJob job = this.jobs
			.save(new ReplayJob(scope.tenantId(), scope.actor().name(), kind, this.json.writeValueAsString(filter),
					request.ratePerSecond(), this.clock.instant())
				.renewingMessageIds(request.renewsMessageId()));
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("kind", kind.name());
		details.put("filter", filter);
		if (request.ratePerSecond() != null) {
			details.put("ratePerSecond", request.ratePerSecond());
		}
		if (request.renewsMessageId()) {
			details.put("newMessageId", true);
		}
		if (scope.operator()) {
			details.put("operator", true);
		}
		this.audit.append(scope.actor(), scope.tenantId(), "replay.created", "replay_job", job.getId().toString(),
				details);
		return view(job);
	}

	/** Newest first, at most 100. */
	@Transactional(readOnly = true)
	public List<ReplayJobView> list(ReplayScope scope) {
		PageRequest page = PageRequest.of(0, LIST_LIMIT);
		List<ReplayJob> found = (scope.tenantId() != null)
				? this.jobs.findAllByTenantIdOrderByCreatedAtDesc(scope.tenantId(), page)
				: this.jobs.findAllByOrderByCreatedAtDesc(page);
		return found.stream().map(this::view).toList();
	}

	/**
	 * A page of the scope's jobs (every tenant's for an operator without one), newest
	 * first.
	 */
	@Transactional(readOnly = true)
	public Page<ReplayJobView> page(ReplayScope scope, PageQuery query) {
		TimeKey before = query.newestFirst(LIST);
		List<ReplayJob> rows = (scope.tenantId() != null)
				? this.jobs.pageNewestFirst(scope.tenantId(), before.at(), before.id(), query.fetchSize())
				: this.jobs.pageAllNewestFirst(before.at(), before.id(), query.fetchSize());
		return Page.of(rows, query, (job) -> new TimeKey(job.getCreatedAt(), job.getId()).cursor(LIST)).map(this::view);
	}

	/**
	 * @throws NotFoundException when the job is not the scope's
	 */
	@Transactional(readOnly = true)
	public ReplayJobView get(ReplayScope scope, UUID id) {
		return view(find(scope, id));
	}

	/**
	 * Cancels a {@code PENDING} or {@code RUNNING} job; a running worker stops before its
	 * next chunk (rows already requeued stay requeued).
	 * @throws NotFoundException when the job is not the scope's
	 * @throws ConflictException when it already ended
	 */
	@Transactional
	public ReplayJobView cancel(ReplayScope scope, UUID id) {
		ReplayJob job = find(scope, id);
		int cancelled = this.jdbc.sql("""
				UPDATE replay_job SET status = 'CANCELLED', finished_at = clock_timestamp(), claimed_until = NULL
				WHERE id = :id AND status IN ('PENDING', 'RUNNING')""").param("id", id).update();
		if (cancelled == 0) {
			throw new ConflictException("The replay job already ended (" + job.getStatus() + ")");
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", job.getStatus().name());
		details.put("processed", job.getProcessed());
		details.put("requeued", job.getRequeued());
		this.audit.append(scope.actor(), job.getTenantId(), "replay.cancelled", "replay_job", id.toString(), details);
		this.entities.refresh(job);
		return view(job);
	}

	private ReplayJob find(ReplayScope scope, UUID id) {
		return (scope.operator() && scope.tenantId() == null ? this.jobs.findById(id)
				: this.jobs.findByIdAndTenantId(id, scope.tenantId()))
			.orElseThrow(() -> new NotFoundException("Replay job"));
	}

	private ReplayKind check(ReplayRequest request) {
		this.rules.check(request);
		ReplayKind kind = request.replayKind();
		if (kind == ReplayKind.EVENTS) {
			EventSelection.of(null, request.filter());
			if (request.renewsMessageId()) {
				throw InvalidInputException.of("newMessageId", "applies to NOTIFICATIONS replays only");
			}
		}
		return kind;
	}

	private ReplayJobView view(ReplayJob job) {
		return new ReplayJobView(job.getId(), job.getTenantId(), job.getKind(), job.getStatus(),
				this.json.readValue(job.getCriteria(), ReplayFilter.class), job.getRatePerSecond(),
				job.isNewMessageId(), job.getMatched(), job.getProcessed(), job.getRequeued(), job.getCreated(),
				job.getSkipped(), job.getRequestedBy(), job.getCreatedAt(), job.getStartedAt(), job.getFinishedAt(),
				job.getError());
	}

}
