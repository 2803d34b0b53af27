package io.herald.core.template;

/**
 * A render that ran past the wall-clock safety net of {@link TemplateRenderer} without
 * exceeding any {@link RenderLimits}: most likely the machine was starved of CPU.
 * Deliberately not a {@link TemplateException}, which callers treat as permanent: the
 * caller should retry (the worker's fan-out fails and Kafka redelivers the event).
 */
public class TemplateTimeoutException extends RuntimeException {

	public TemplateTimeoutException(String message) {
		super(message);
	}

}
