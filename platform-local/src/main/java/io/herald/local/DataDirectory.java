package io.herald.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The local-mode data directory: one sub-directory per server, small secret files that
 * must survive restarts, and a lock so that two launchers never share it.
 */
final class DataDirectory implements AutoCloseable {

	/** Marks a directory as Herald's, so that {@code clean} never wipes anything else. */
	private static final String MARKER = ".herald-local";

	private static final String LOCK = ".lock";

	private final Path root;

	private final FileChannel lockChannel;

	private final FileLock lock;

	private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
		this.root = root;
		this.lockChannel = lockChannel;
		this.lock = lock;
	}

	static DataDirectory open(Path root, boolean clean) {
		Path dir = root.toAbsolutePath().normalize();
		try {
			Files.createDirectories(dir);
			Path marker = dir.resolve(MARKER);
			if (!Files.exists(marker)) {
				requireEmptyOrOurs(dir);
			}
			FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			FileLock lock = tryLock(channel);
			if (lock == null) {
				channel.close();
				throw new IllegalStateException("Another Herald local process uses " + dir + ": stop it first");
			}
			DataDirectory opened = new DataDirectory(dir, channel, lock);
			try {
				opened.prepare(clean);
				return opened;
			}
			catch (IOException | RuntimeException ex) {
				opened.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot prepare the data directory " + dir, ex);
		}
	}

	private void prepare(boolean clean) throws IOException {
		// no live launcher holds the lock: servers still running here were left by one
		// that
		// was killed, and must stop before their files are wiped or reused
		LeftoverServers.stop(this.root);
		if (clean) {
			wipeContents(this.root);
		}
		Path marker = this.root.resolve(MARKER);
		if (!Files.exists(marker)) {
			Files.writeString(marker, "Herald local-mode data; safe to delete while Herald is stopped\n");
		}
	}

	private static FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// held by this very JVM
			return null;
		}
	}

	Path root() {
		return this.root;
	}

	Path serverDir(String name) {
		Path dir = this.root.resolve(name);
		try {
			return Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	boolean hasSecret(String name) {
		return Files.exists(secretFile(name));
	}

	/** Reads a secret, creating it with {@code generator} first when it is missing. */
	String secret(String name, Supplier<String> generator) {
		Path file = secretFile(name);
		try {
			if (Files.exists(file)) {
				return Files.readString(file).strip();
			}
			writeSecret(name, generator.get());
			return Files.readString(file).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write " + file, ex);
		}
	}

	/** Writes a secret file readable by the owner only (mode 600 where POSIX allows). */
	void writeSecret(String name, String value) {
		Path file = secretFile(name);
		try {
			if (!Files.isDirectory(file.getParent())) {
				Files.createDirectories(file.getParent());
				if (posix(file)) {
					Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
				}
			}
			Path temporary = Files.createTempFile(file.getParent(), name, ".tmp");
			restrictToOwner(temporary);
			Files.writeString(temporary, value + "\n");
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	Path secretFile(String name) {
		return this.root.resolve("secrets").resolve(name);
	}

	@Override
	public void close() {
		try {
			this.lock.release();
			this.lockChannel.close();
		}
		catch (IOException ex) {
			// released with the process anyway
		}
	}

	private static boolean posix(Path file) {
		return file.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

	private static void restrictToOwner(Path file) throws IOException {
		if (posix(file)) {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
	}

	private static void requireEmptyOrOurs(Path dir) throws IOException {
		try (Stream<Path> entries = Files.list(dir)) {
			if (entries.anyMatch((entry) -> !entry.getFileName().toString().equals(LOCK))) {
				throw new IllegalStateException(dir + " is not empty and not a Herald data directory: "
						+ "choose another herald.local.data-dir");
			}
		}
	}

	private static void wipeContents(Path dir) throws IOException {
		Files.walkFileTree(dir, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
				if (!file.equals(dir.resolve(LOCK))) {
					Files.delete(file);
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
				if (!directory.equals(dir)) {
					Files.delete(directory);
				}
				return FileVisitResult.CONTINUE;
			}

		});
	}

}
