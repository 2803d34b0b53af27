package io.herald.core.apikey;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a key's scopes in one column, space separated as OAuth 2 writes scopes. Values
 * this version does not know are ignored when read, so an older instance never grants
 * them.
 */
@Converter
class ApiKeyScopesConverter implements AttributeConverter<Set<ApiKeyScope>, String> {

	@Override
	public String convertToDatabaseColumn(Set<ApiKeyScope> scopes) {
		return scopes.stream().sorted().map(ApiKeyScope::value).collect(Collectors.joining(" "));
	}

	@Override
	public Set<ApiKeyScope> convertToEntityAttribute(String text) {
		Set<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
		Arrays.stream(text.split(" ")).map(ApiKeyScope::of).forEach((scope) -> scope.ifPresent(scopes::add));
		return scopes;
	}

}
