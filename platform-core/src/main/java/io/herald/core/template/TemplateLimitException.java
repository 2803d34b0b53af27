package io.herald.core.template;

/**
 * A render that exceeded one of its {@link RenderLimits}: the template does too much for
 * this data. Permanent, like any other {@link TemplateException}: the same template on
 * the same data would exceed it again.
 */
public class TemplateLimitException extends TemplateException {

	public TemplateLimitException(String message) {
		super(message);
	}

}
