package io.herald.local.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the bench leaves behind in a work directory it created for itself: the app logs,
 * not the servers' gigabytes.
 */
class BenchCommandTests {

	@TempDir
	Path workDir;

	@Test
	void discardingServerDataDeletesTheServersDirectoriesAndKeepsTheAppLogs() throws Exception {
		Path postgresFile = Files.createDirectories(this.workDir.resolve("data/postgres/base/1")).resolve("16384");
		Files.writeString(postgresFile, "rows");
		Files.createDirectories(this.workDir.resolve("data/kafka/herald.events-0"));
		Path workerLog = Files.createDirectories(this.workDir.resolve("logs")).resolve("worker-1.log");
		Files.writeString(workerLog, "started");

		BenchCommand.discardServerData(this.workDir);

		assertThat(this.workDir.resolve("data")).doesNotExist();
		assertThat(workerLog).hasContent("started");
	}

	@Test
	void discardingServerDataOfAWorkDirWithoutServersChangesNothing() {
		BenchCommand.discardServerData(this.workDir);

		assertThat(this.workDir).isEmptyDirectory();
	}

}
