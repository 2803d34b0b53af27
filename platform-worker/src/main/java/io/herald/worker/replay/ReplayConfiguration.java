package io.herald.worker.replay;

import java.time.Clock;

import io.herald.core.audit.AuditLog;
import io.herald.core.replay.EventBackfill;
import io.herald.core.replay.ReplayExecution;
import io.herald.worker.fanout.FanOut;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wiring of the replay feature: the runner (notification replays and event backfills),
 * which {@code herald.replay.enabled=false} leaves out.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplayProperties.class)
class ReplayConfiguration {

	@Bean
	@ConditionalOnProperty(name = "herald.replay.enabled", havingValue = "true", matchIfMissing = true)
	ReplayRunner replayRunner(ReplayProperties properties, JdbcClient jdbc, ReplayExecution execution,
			EventBackfill backfill, ObjectProvider<FanOut> fanOut, JsonMapper json, Clock clock, AuditLog audit,
			TransactionTemplate transactions, MeterRegistry meters) {
		// a context without fan-out (e.g. a delivery-only test app) runs NOTIFICATIONS
		// jobs only
		FanOut fanOutIfPresent = fanOut.getIfAvailable();
		BackfillSteps steps = (fanOutIfPresent != null) ? new BackfillSteps(backfill, fanOutIfPresent, json, clock)
				: null;
		return new ReplayRunner(properties, new ReplayJobLeases(jdbc), execution, steps, audit, transactions, meters);
	}

}
