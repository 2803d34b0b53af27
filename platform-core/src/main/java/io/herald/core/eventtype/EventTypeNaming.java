package io.herald.core.eventtype;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells whether an event type's name reads like a command ({@code SendEmail},
 * {@code ProcessPayment}, {@code GenerateInvoice}) rather than a fact
 * ({@code UserRegistered}): it starts with an imperative verb and does not end in a past
 * participle ({@code OrderPlaced}, {@code EmailBounced} and {@code PaymentSent} are
 * facts). A hint for people, never a rule: the name is accepted either way.
 */
public final class EventTypeNaming {

	private static final Pattern WORDS = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|[_\\-\\s]+");

	private static final Set<String> IMPERATIVE_VERBS = Set.of("send", "process", "generate", "create", "update",
			"delete", "remove", "notify", "charge", "email", "mail", "sms", "text", "push", "trigger", "execute", "run",
			"do", "make", "start", "stop", "cancel", "issue", "compute", "calculate", "sync", "fetch", "post",
			"publish", "dispatch", "schedule", "remind", "invite", "alert", "approve", "reject", "refund", "pay",
			"bill", "invoice", "ship", "deliver", "register", "activate", "deactivate", "reset", "verify", "confirm",
			"add", "set", "assign", "book", "order", "submit", "handle", "perform", "apply", "import", "export",
			"upload", "download", "print", "render", "build", "deploy", "emit", "broadcast", "welcome", "greet", "ping",
			"call", "message", "request", "get", "save", "store", "archive", "close", "open", "lock", "unlock",
			"enable", "disable");

	/** Past participles that do not end in -ed: a name ending in one states a fact. */
	private static final Set<String> IRREGULAR_PAST = Set.of("sent", "paid", "built", "sold", "made", "done", "begun",
			"lost", "found", "held", "won", "given", "taken", "written", "read", "known", "shown", "seen", "spent",
			"left", "met", "bought", "brought", "kept", "got", "gotten", "set", "shut", "put", "cut", "hit", "run",
			"withdrawn", "drawn", "frozen", "chosen", "broken", "forgotten", "hidden", "ridden", "risen", "stolen");

	private EventTypeNaming() {
	}

	private static int lastSeparator(String name) {
		return Math.max(name.lastIndexOf('.'), Math.max(name.lastIndexOf('/'), name.lastIndexOf(':')));
	}

	/**
	 * Whether the name's first word is an imperative verb such as Send, Process or
	 * Generate.
	 */
	public static boolean readsLikeACommand(String name) {
		if (name == null || name.isBlank()) {
			return false;
		}
		// a namespaced name (com.shop.SendReceipt, billing/ChargeCard) is judged by its
		// last part
		String local = name.strip().substring(Math.max(0, lastSeparator(name.strip()) + 1));
		String[] words = WORDS.split(local);
		if (words.length < 2) {
			return false;
		}
		String last = words[words.length - 1].toLowerCase(Locale.ROOT);
		boolean endsInThePast = last.endsWith("ed") || IRREGULAR_PAST.contains(last);
		return !endsInThePast && IMPERATIVE_VERBS.contains(words[0].toLowerCase(Locale.ROOT));
	}

}
