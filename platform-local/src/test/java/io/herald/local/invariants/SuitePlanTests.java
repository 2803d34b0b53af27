package io.herald.local.invariants;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SuitePlanTests {

	private final SuitePlan plan = new SuitePlan("abc", List.of(Fault.values()), 1_003, 50, 3);

	@Test
	void everyEventBelongsToExactlyOneFaultAndTheLastTakesTheRemainder() {
		int faults = Fault.values().length;
		int covered = IntStream.range(0, faults).map((f) -> this.plan.endEvent(f) - this.plan.firstEvent(f)).sum();
		assertThat(covered).isEqualTo(1_003);
		assertThat(this.plan.endEvent(faults - 1) - this.plan.firstEvent(faults - 1)).isEqualTo(125 + 3);
		IntStream.range(0, 1_003)
			.forEach((event) -> assertThat(this.plan.faultOf(event)).isBetween(0, faults - 1)
				.satisfies((fault) -> assertThat(event).isBetween(this.plan.firstEvent(fault),
						this.plan.endEvent(fault) - 1)));
	}

	@Test
	void idsLeadBackToTheirFaultAndEventAndForeignIdsDoNot() {
		String id = this.plan.eventId(1_000);
		assertThat(this.plan.eventOfId(id)).isEqualTo(1_000);
		assertThat(this.plan.faultOfId(id)).isEqualTo(Fault.values().length - 1);
		assertThat(this.plan.faultOfId(this.plan.poisonId(2, 1))).isEqualTo(2);
		assertThat(this.plan.eventOfId(this.plan.poisonId(2, 1))).isEqualTo(-1);
		assertThat(this.plan.faultOfId("inv-other-1-5")).isEqualTo(-1);
		assertThat(this.plan.faultOfId(null)).isEqualTo(-1);
	}

	@Test
	void everyFiftiethEventIsDoomed() {
		assertThat(IntStream.range(0, 1_000).filter(this.plan::doomed).count()).isEqualTo(20);
	}

	@Test
	void optionsParseDurationsAndFaultsAndRefuseUnknownOnes() {
		InvariantOptions options = InvariantOptions
			.parse(List.of("--events=100_000", "--faults=baseline,together", "--postgres-down=2m", "--flaky=500ms"));
		assertThat(options.events()).isEqualTo(100_000);
		assertThat(options.faults()).containsExactly(Fault.BASELINE, Fault.TOGETHER);
		assertThat(options.postgresDown()).isEqualTo(Duration.ofMinutes(2));
		assertThat(options.flaky()).isEqualTo(Duration.ofMillis(500));
		assertThatIllegalArgumentException().isThrownBy(() -> InvariantOptions.parse(List.of("--faults=meteor")));
		assertThatIllegalArgumentException().isThrownBy(() -> InvariantOptions.parse(List.of("--nope=1")));
	}

	@Test
	void theTogetherWindowCoversEveryOverlappingFault() {
		InvariantOptions options = InvariantOptions.parse(List.of());
		assertThat(Fault.TOGETHER.window(options)).isEqualTo(Duration.ofSeconds(5 + 2 + 10 + 5 + 60));
		assertThat(Fault.BASELINE.window(options)).isEqualTo(Duration.ofSeconds(20));
		assertThat(Fault.TOGETHER.crashes() + Fault.WORKER_KILL.crashes()).isEqualTo(2);
	}

	@Test
	void theReceiverFindsTheEventIdInHeraldsWebhookBody() {
		assertThat(FaultReceiver.eventId("{\"type\":\"OrderPlaced\",\"eventId\":\"inv-abc-0-7\",\"data\":{}}"))
			.isEqualTo("inv-abc-0-7");
		assertThat(FaultReceiver.eventId("{}")).isNull();
	}

}
