package io.herald.core.eventtype;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EventTypeNamingTests {

	@ParameterizedTest
	@ValueSource(strings = { "SendEmail", "ProcessPayment", "GenerateInvoice", "send_welcome_email", "NotifyUser",
			"com.shop.SendReceipt", "charge-card", "CancelOrder" })
	void namesThatStartWithAnImperativeVerbReadLikeCommands(String name) {
		assertThat(EventTypeNaming.readsLikeACommand(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "UserRegistered", "OrderPlaced", "PaymentReceived", "InvoiceGenerated", "order.cancelled",
			"EmailBounced", "PaymentSent", "OrderShipped", "Send", "", "  " })
	void factsAndSingleWordsDoNot(String name) {
		assertThat(EventTypeNaming.readsLikeACommand(name)).isFalse();
	}

}
