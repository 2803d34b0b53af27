package io.herald.core.support;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StringListConverterTests {

	private final StringListConverter converter = new StringListConverter();

	@Test
	void aListIsOneColumnAndComesBackTheSame() {
		String column = this.converter.convertToDatabaseColumn(List.of("token-1", "token-2"));
		assertThat(column).isEqualTo("token-1,token-2");
		assertThat(this.converter.convertToEntityAttribute(column)).containsExactly("token-1", "token-2");
	}

	@Test
	void anEmptyListIsNullAndNullIsAnEmptyList() {
		assertThat(this.converter.convertToDatabaseColumn(List.of())).isNull();
		assertThat(this.converter.convertToEntityAttribute(null)).isEmpty();
		assertThat(this.converter.convertToEntityAttribute(" , ")).isEmpty();
	}

}
