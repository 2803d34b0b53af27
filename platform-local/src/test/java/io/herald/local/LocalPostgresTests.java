package io.herald.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class LocalPostgresTests {

	@Test
	void moreServerSettingsAreNameValuePairsInTheirOrder() {
		assertThat(LocalPostgres.serverConfig(" shared_buffers=1GB, max_wal_size = 4GB,,wal_compression=lz4"))
			.containsExactly(entry("shared_buffers", "1GB"), entry("max_wal_size", "4GB"),
					entry("wal_compression", "lz4"));
		assertThat(LocalPostgres.serverConfig("")).isEmpty();
	}

	@Test
	void anEntryThatIsNotNameValueIsRefusedWithTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> LocalPostgres.serverConfig("shared_buffers"))
			.withMessageContaining("herald.local.postgres.server-config")
			.withMessageContaining("'shared_buffers' is not name=value");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalPostgres.serverConfig("fsync=on,=off"))
			.withMessageContaining("'=off'");
		assertThatIllegalArgumentException().isThrownBy(() -> LocalPostgres.serverConfig("work_mem="))
			.withMessageContaining("'work_mem='");
	}

}
