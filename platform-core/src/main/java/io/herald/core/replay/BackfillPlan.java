package io.herald.core.replay;

import java.util.List;

import io.herald.core.event.EventRecord;
import io.herald.core.fanout.FanOutDecision;
import io.herald.core.tenant.Tenant;

/**
 * One stored event run through fan-out's planner with today's subscriptions: what a
 * backfill would do for it (before the unique key drops what exists).
 *
 * @param decisions one per subscription of the event's type (of the filter's subscription
 * only, when the filter names one); empty when the tenant or the type is gone
 */
public record BackfillPlan(Tenant tenant, EventRecord event, List<FanOutDecision> decisions) {

}
