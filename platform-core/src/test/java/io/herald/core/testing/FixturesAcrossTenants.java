package io.herald.core.testing;

import java.lang.reflect.Method;

import io.herald.core.tenant.RowSecurity;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Lets a test's own thread (fixtures made through repositories or services, assertions
 * with raw SQL) see every tenant's rows, as the operator does: the app under test
 * connects as {@code herald_app}, which row-level security holds to one tenant (decision
 * 0074). Requests the test sends to the app run on the app's threads, in their caller's
 * scope.
 */
public final class FixturesAcrossTenants implements InvocationInterceptor {

	@Override
	public void interceptBeforeEachMethod(Invocation<Void> invocation,
			ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
		across(invocation);
	}

	@Override
	public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
			ExtensionContext extensionContext) throws Throwable {
		across(invocation);
	}

	@Override
	public void interceptTestTemplateMethod(Invocation<Void> invocation,
			ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
		across(invocation);
	}

	@Override
	public void interceptAfterEachMethod(Invocation<Void> invocation,
			ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
		across(invocation);
	}

	private static void across(Invocation<Void> invocation) throws Exception {
		RowSecurity.acrossTenants("test fixtures", () -> {
			try {
				return invocation.proceed();
			}
			catch (Exception | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

}
