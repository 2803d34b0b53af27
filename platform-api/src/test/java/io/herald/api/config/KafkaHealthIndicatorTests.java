package io.herald.api.config;

import java.net.ServerSocket;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaHealthIndicatorTests {

	@Test
	void unreachableKafkaIsDown() throws Exception {
		HeraldApiProperties properties = new HeraldApiProperties(3, null, java.time.Duration.ofSeconds(1),
				java.time.Duration.ofMillis(500), DataSize.ofMegabytes(1));
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 500, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				500))) {
			assertThat(new KafkaHealthIndicator(admin, properties).health().getStatus()).isEqualTo(Status.DOWN);
		}
	}

	static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
