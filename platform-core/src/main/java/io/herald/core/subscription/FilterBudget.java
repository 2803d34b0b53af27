package io.herald.core.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.CelStandardFunctions.StandardFunction;
import dev.cel.runtime.standard.AddOperator.AddOverload;
import io.herald.core.support.SafeRegex;

/**
 * What one filter evaluation may build. CEL bounds loop iterations itself; the only
 * standard functions that make values larger than their inputs are string and list
 * concatenation, so those are replaced by versions that count what they produce per
 * evaluation ({@code data.items.map(x, data.text + data.text)} stops early), bytes
 * concatenation is left out, and {@code matches} compiles through {@link SafeRegex}
 * because a tenant's event data can supply the pattern.
 */
final class FilterBudget {

	static final long MAX_PRODUCED = 1_000_000;

	private static final ThreadLocal<long[]> PRODUCED = new ThreadLocal<>();

	private FilterBudget() {
	}

	static <T> T during(Supplier<T> evaluation) {
		long[] previous = PRODUCED.get();
		PRODUCED.set(new long[1]);
		try {
			return evaluation.get();
		}
		finally {
			PRODUCED.set(previous);
		}
	}

	/** The standard functions without the overloads {@link #bindings()} replaces. */
	static CelStandardFunctions standardFunctions() {
		return CelStandardFunctions.newBuilder()
			.filterFunctions(
					(function, overload) -> function != StandardFunction.MATCHES && overload != AddOverload.ADD_STRING
							&& overload != AddOverload.ADD_LIST && overload != AddOverload.ADD_BYTES)
			.build();
	}

	static List<CelFunctionBinding> bindings() {
		return List.of(CelFunctionBinding.from("add_string", String.class, String.class, FilterBudget::concat),
				CelFunctionBinding.from("add_list", List.class, List.class, FilterBudget::concat),
				CelFunctionBinding.from("matches", String.class, String.class, FilterBudget::matches),
				CelFunctionBinding.from("matches_string", String.class, String.class, FilterBudget::matches));
	}

	private static String concat(String left, String right) throws CelEvaluationException {
		charge(left.length() + (long) right.length());
		return left + right;
	}

	private static List<Object> concat(List<?> left, List<?> right) throws CelEvaluationException {
		charge(left.size() + (long) right.size());
		List<Object> joined = new ArrayList<>(left.size() + right.size());
		joined.addAll(left);
		joined.addAll(right);
		return joined;
	}

	private static boolean matches(String text, String regex) throws CelEvaluationException {
		try {
			return SafeRegex.compile(regex).matcher(text).find();
		}
		catch (IllegalArgumentException ex) {
			throw new CelEvaluationException(ex.getMessage());
		}
	}

	private static void charge(long size) throws CelEvaluationException {
		long[] produced = PRODUCED.get();
		if (produced == null) {
			produced = new long[1];
		}
		produced[0] += size;
		if (produced[0] > MAX_PRODUCED || size > MAX_PRODUCED) {
			throw new CelEvaluationException("filter built values larger than " + MAX_PRODUCED + " in all");
		}
	}

}
