package io.herald.core.tenant;

import java.util.Objects;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which tenant's rows the current thread may see in PostgreSQL (decision 0074). The
 * database enforces it: every tenant table has a forced row-level security policy that
 * shows the rows of {@code herald.tenant_id} only, and {@link RowSecurityDataSource} sets
 * that from here on every connection the API and the console take. A thread that entered
 * no scope sees no tenant rows at all.
 *
 * <p>
 * {@link #acrossTenants(String, Work)} is the one way past the policies for
 * {@code herald_app}: operator endpoints and views, console sign-in and API key checks
 * run through it; grep for it to see every such path. The worker needs none: its role has
 * {@code BYPASSRLS}.
 *
 * <p>
 * A scope is set when a connection is taken, so it must be entered before the transaction
 * starts: changing it inside one fails instead of silently not applying.
 */
public final class RowSecurity {

	private static final Logger log = LoggerFactory.getLogger(RowSecurity.class);

	private static final ThreadLocal<Scope> current = new ThreadLocal<>();

	private RowSecurity() {
	}

	/** Runs work that sees and writes the rows of one tenant only. */
	public static <T, X extends Exception> T forTenant(UUID tenantId, Work<T, X> work) throws X {
		return within(new Scope.Tenant(Objects.requireNonNull(tenantId, "tenantId")), work);
	}

	/**
	 * Runs work that sees every tenant's rows: the bypass of row-level security.
	 * @param purpose why, for the log (e.g. "operator API")
	 */
	public static <T, X extends Exception> T acrossTenants(String purpose, Work<T, X> work) throws X {
		log.atDebug().addKeyValue("purpose", purpose).log("Row-level security bypassed");
		return within(new Scope.AcrossTenants(purpose), work);
	}

	/** The current thread's scope, or {@code null} when it entered none. */
	static Scope current() {
		return current.get();
	}

	private static <T, X extends Exception> T within(Scope scope, Work<T, X> work) throws X {
		Scope previous = current.get();
		if (!scope.sameRows(previous) && TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("A row-level security scope is entered before the transaction starts");
		}
		current.set(scope);
		try {
			return work.run();
		}
		finally {
			if (previous != null) {
				current.set(previous);
			}
			else {
				current.remove();
			}
		}
	}

	/**
	 * Work run within a scope.
	 *
	 * @param <T> its result
	 * @param <X> what it throws
	 */
	@FunctionalInterface
	public interface Work<T, X extends Exception> {

		T run() throws X;

	}

	/** The rows a thread may see, as the database settings express them. */
	sealed interface Scope {

		/** the value of {@code herald.tenant_id} */
		String tenantSetting();

		/** the value of {@code herald.bypass_rls} */
		String bypassSetting();

		default boolean sameRows(Scope other) {
			return other != null && tenantSetting().equals(other.tenantSetting())
					&& bypassSetting().equals(other.bypassSetting());
		}

		record Tenant(UUID tenantId) implements Scope {

			@Override
			public String tenantSetting() {
				return this.tenantId.toString();
			}

			@Override
			public String bypassSetting() {
				return "";
			}

		}

		record AcrossTenants(String purpose) implements Scope {

			@Override
			public String tenantSetting() {
				return "";
			}

			@Override
			public String bypassSetting() {
				return "on";
			}

		}

	}

}
