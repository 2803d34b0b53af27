package io.herald.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LeftoverServersTests {

	@TempDir
	Path dataDir;

	@Test
	void aProcessRunningAnExecutableFromTheDataDirectorysBinIsStopped() throws Exception {
		Path bin = Files.createDirectories(this.dataDir.resolve(RedisBinary.DIRECTORY));
		Path fakeRedis = Files.copy(Path.of("/bin/sleep"), bin.resolve("redis-server-test"),
				StandardCopyOption.COPY_ATTRIBUTES);
		Process leftover = new ProcessBuilder(fakeRedis.toString(), "300").start();
		Process stranger = new ProcessBuilder("/bin/sleep", "300").start();
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> leftover.info()
					.command()
					.map((command) -> command.startsWith(bin.toString()))
					.orElse(false));

			LeftoverServers.stop(this.dataDir);

			assertThat(leftover.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(stranger.isAlive()).isTrue();
		}
		finally {
			leftover.destroyForcibly();
			stranger.destroyForcibly();
		}
	}

	@Test
	void aPostmasterPidFileWhosePidWasRecycledByAnotherProgramIsRemovedWithoutHarmingIt() throws Exception {
		Path pidFile = Files.createDirectories(this.dataDir.resolve(LocalPostgres.DIRECTORY)).resolve("postmaster.pid");
		Files.writeString(pidFile, ProcessHandle.current().pid() + "\n" + pidFile.getParent() + "\n");

		LeftoverServers.stop(this.dataDir);

		assertThat(pidFile).doesNotExist();
		assertThat(ProcessHandle.current().isAlive()).isTrue();
	}

	@Test
	void aPostmasterPidFileOfAProcessThatIsGoneIsLeftToPostgres() throws Exception {
		Process finished = new ProcessBuilder("/bin/true").start();
		assertThat(finished.waitFor(10, TimeUnit.SECONDS)).isTrue();
		Path pidFile = Files.createDirectories(this.dataDir.resolve(LocalPostgres.DIRECTORY)).resolve("postmaster.pid");
		Files.writeString(pidFile, finished.pid() + "\n" + pidFile.getParent() + "\n");

		LeftoverServers.stop(this.dataDir);

		assertThat(pidFile).exists();
	}

}
