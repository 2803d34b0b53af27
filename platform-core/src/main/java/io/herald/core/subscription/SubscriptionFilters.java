package io.herald.core.subscription;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.herald.core.support.SafeRegex;
import org.springframework.stereotype.Component;

/**
 * Subscription filters in CEL (Common Expression Language) over {@code event} (the
 * CloudEvent attributes, a {@code map(string, dyn)}) and {@code data} (the event data).
 * Filters are type-checked when saved and compiled programs are cached by their text. An
 * evaluation is bounded: loop iterations, the size of what it builds
 * ({@link FilterBudget}) and its regular expressions (RE2, through {@link SafeRegex}).
 */
@Component
public class SubscriptionFilters {

	private static final int CACHE_SIZE = 2_000;

	private static final int MAX_EXPRESSION_LENGTH = 4_096;

	/** Loop iterations over a whole evaluation (CEL counts them per evaluation). */
	private static final int MAX_ITERATIONS = 1_000;

	private static final CelOptions OPTIONS = CelOptions.current()
		.enableHeterogeneousNumericComparisons(true)
		.comprehensionMaxIterations(MAX_ITERATIONS)
		.maxRegexProgramSize(SafeRegex.MAX_EXPANDED_SIZE)
		.maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
		.build();

	private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
		.setOptions(OPTIONS)
		.setStandardMacros(CelStandardMacro.STANDARD_MACROS)
		.addVar("event", MapType.create(SimpleType.STRING, SimpleType.DYN))
		.addVar("data", SimpleType.DYN)
		.setResultType(SimpleType.BOOL)
		.build();

	private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
		.setOptions(OPTIONS)
		.setStandardEnvironmentEnabled(false)
		.setStandardFunctions(FilterBudget.standardFunctions())
		.addFunctionBindings(FilterBudget.bindings())
		.build();

	private final Map<String, CelRuntime.Program> programs = Collections
		.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, CelRuntime.Program> eldest) {
				return size() > CACHE_SIZE;
			}
		});

	/**
	 * Compiles and type-checks {@code expression}, which must yield a {@code bool}.
	 * @throws InvalidFilterException with the position of the first problem
	 */
	public void check(String expression) {
		if (expression == null || expression.isBlank()) {
			return;
		}
		program(expression);
	}

	/**
	 * Whether the event passes the filter. A missing filter matches everything; an
	 * evaluation error (such as a missing key in {@code data}) is a non-match.
	 */
	public boolean matches(String expression, Map<String, Object> event, Object data) {
		if (expression == null || expression.isBlank()) {
			return true;
		}
		CelRuntime.Program program;
		try {
			program = program(expression);
		}
		catch (InvalidFilterException ex) {
			return false;
		}
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("event", normalize(event));
		variables.put("data", (data != null) ? normalize(data) : Map.of());
		try {
			return FilterBudget.during(() -> evaluate(program, variables));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static boolean evaluate(CelRuntime.Program program, Map<String, Object> variables) {
		try {
			return Boolean.TRUE.equals(program.eval(variables));
		}
		catch (CelEvaluationException ex) {
			return false;
		}
	}

	private CelRuntime.Program program(String expression) {
		CelRuntime.Program cached = this.programs.get(expression);
		if (cached != null) {
			return cached;
		}
		if (expression.length() > MAX_EXPRESSION_LENGTH) {
			throw new InvalidFilterException("filter is longer than " + MAX_EXPRESSION_LENGTH + " characters",
					MAX_EXPRESSION_LENGTH + 1);
		}
		CelValidationResult result = this.compiler.compile(expression);
		if (result.hasError()) {
			throw invalid(expression, result.getErrors());
		}
		try {
			CelAbstractSyntaxTree ast = result.getAst();
			CelRuntime.Program program = this.runtime.createProgram(ast);
			this.programs.put(expression, program);
			return program;
		}
		catch (Exception ex) {
			throw new InvalidFilterException("filter cannot be compiled", 0);
		}
	}

	private static InvalidFilterException invalid(String expression, List<CelIssue> issues) {
		if (issues.isEmpty()) {
			return new InvalidFilterException("filter is invalid", 0);
		}
		CelIssue first = issues.get(0);
		CelSourceLocation location = first.getSourceLocation();
		int position = position(expression, location);
		String message = "invalid filter at position " + position + ": " + first.getMessage();
		return new InvalidFilterException(message, position);
	}

	/**
	 * Turns CEL's line and column into a 1-based character offset into the expression.
	 */
	private static int position(String expression, CelSourceLocation location) {
		if (location == null || location.equals(CelSourceLocation.NONE) || location.getLine() <= 0) {
			return 0;
		}
		int offset = 0;
		for (int line = 1; line < location.getLine(); line++) {
			int newline = expression.indexOf('\n', offset);
			if (newline < 0) {
				break;
			}
			offset = newline + 1;
		}
		return offset + Math.max(location.getColumn(), 0) + 1;
	}

	/**
	 * CEL's Java runtime knows {@code long}, {@code double}, strings, booleans, lists and
	 * maps: widen what Jackson produces for JSON numbers accordingly.
	 */
	private static Object normalize(Object value) {
		return switch (value) {
			case null -> NullValue.NULL_VALUE;
			case Integer i -> i.longValue();
			case Short s -> s.longValue();
			case Byte b -> b.longValue();
			case BigInteger big -> (big.bitLength() < 64) ? big.longValue() : big.doubleValue();
			case Float f -> f.doubleValue();
			case BigDecimal decimal -> decimal.doubleValue();
			case Map<?, ?> map -> {
				Map<String, Object> copy = new LinkedHashMap<>();
				map.forEach((key, item) -> copy.put(String.valueOf(key), normalize(item)));
				yield copy;
			}
			case List<?> list -> {
				List<Object> copy = new ArrayList<>(list.size());
				list.forEach((item) -> copy.add(normalize(item)));
				yield copy;
			}
			default -> value;
		};
	}

}
