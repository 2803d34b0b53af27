package io.herald.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, so a report says how busy the box was. */
final class MachineLoad {

	private MachineLoad() {
	}

	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " / " + fields[1] + " / " + fields[2] + " (1/5/15 min)";
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

}
