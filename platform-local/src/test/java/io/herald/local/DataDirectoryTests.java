package io.herald.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DataDirectoryTests {

	@TempDir
	Path temp;

	@Test
	void secretsAreGeneratedOnceAndReadableByTheOwnerOnly() throws Exception {
		Path root = this.temp.resolve("data");
		try (DataDirectory dir = DataDirectory.open(root, false)) {
			String first = dir.secret("key", () -> "generated-1");
			String second = dir.secret("key", () -> "generated-2");

			assertThat(first).isEqualTo("generated-1").isEqualTo(second);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.secretFile("key"))))
				.isEqualTo("rw-------");
		}
	}

	@Test
	void cleanWipesAHeraldDataDirectory() throws Exception {
		Path root = this.temp.resolve("data");
		try (DataDirectory dir = DataDirectory.open(root, false)) {
			dir.writeSecret("key", "old");
			Files.writeString(dir.serverDir("postgres").resolve("PG_VERSION"), "17");
		}

		try (DataDirectory dir = DataDirectory.open(root, true)) {
			assertThat(dir.hasSecret("key")).isFalse();
			assertThat(root.resolve("postgres")).doesNotExist();
		}
	}

	@Test
	void aDirectoryWithForeignFilesIsNeitherUsedNorWiped() throws Exception {
		Path home = Files.createDirectories(this.temp.resolve("home"));
		Files.writeString(home.resolve("thesis.txt"), "precious");

		assertThatIllegalStateException().isThrownBy(() -> DataDirectory.open(home, true))
			.withMessageContaining("not a Herald data directory");
		assertThat(home.resolve("thesis.txt")).hasContent("precious");
	}

	@Test
	void twoLaunchersCannotShareADataDirectory() {
		Path root = this.temp.resolve("data");
		try (DataDirectory first = DataDirectory.open(root, false)) {
			assertThatIllegalStateException().isThrownBy(() -> DataDirectory.open(root, false))
				.withMessageContaining("Another Herald local process");
		}
	}

}
