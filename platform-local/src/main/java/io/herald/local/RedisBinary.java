package io.herald.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * The redis-server executable that embedded-redis bundles, copied once into the data
 * directory's {@value #DIRECTORY} folder under its versioned name.
 *
 * <p>
 * A file that is being executed cannot be opened for writing ({@code ETXTBSY}, "Text file
 * busy"): rewriting the executable on every start failed while a copy left over from a
 * crashed launcher still ran it, or while another thread's freshly forked child still
 * held the write descriptor. So an identical file is never rewritten, a new one is
 * written under a temporary name and moved into place, and local mode prepares it before
 * any server process is started.
 */
final class RedisBinary {

	static final String DIRECTORY = "bin";

	private RedisBinary() {
	}

	/** Returns the executable in {@code binDir}, copying it there first when needed. */
	static Path prepare(Path binDir) {
		String resource = ExecutableProvider.newProvidedVersionsMap().get(OsArchitecture.detectOSandArchitecture());
		if (resource == null) {
			throw new IllegalStateException("embedded-redis has no redis-server for this operating system");
		}
		Path executable = binDir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
		try (InputStream in = RedisBinary.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("redis-server is missing from the classpath: " + resource);
			}
			byte[] bundled = in.readAllBytes();
			if (isSame(executable, bundled)) {
				return executable;
			}
			Files.createDirectories(binDir);
			Path temporary = Files.createTempFile(binDir, executable.getFileName().toString(), ".tmp");
			Files.write(temporary, bundled);
			if (!temporary.toFile().setExecutable(true, true)) {
				throw new IOException("Cannot make " + temporary + " executable");
			}
			Files.move(temporary, executable, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return executable;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare redis-server in " + binDir, ex);
		}
	}

	private static boolean isSame(Path executable, byte[] bundled) throws IOException {
		return Files.isRegularFile(executable) && Files.isExecutable(executable)
				&& Files.size(executable) == bundled.length && Arrays.equals(Files.readAllBytes(executable), bundled);
	}

}
