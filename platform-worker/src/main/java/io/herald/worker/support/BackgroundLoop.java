package io.herald.worker.support;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;

/**
 * A worker duty that runs on one daemon thread of its own from the context's start to its
 * stop (replay jobs, secret rotation). Stopping clears {@link #isRunning()}, interrupts
 * the thread and waits up to ten seconds for {@link #loop()} to return.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

	private static final Duration JOIN = Duration.ofSeconds(10);

	private final String threadName;

	private volatile boolean running;

	private Thread thread;

	protected BackgroundLoop(String threadName) {
		this.threadName = threadName;
	}

	/**
	 * The duty: runs until {@link #isRunning()} turns false or the thread is interrupted.
	 */
	protected abstract void loop();

	@Override
	public final synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.thread = Thread.ofPlatform().name(this.threadName).daemon().start(this::loop);
	}

	@Override
	public final synchronized void stop() {
		this.running = false;
		if (this.thread != null) {
			this.thread.interrupt();
			try {
				this.thread.join(JOIN);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.thread = null;
		}
	}

	@Override
	public final boolean isRunning() {
		return this.running;
	}

}
