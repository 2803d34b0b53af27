package io.herald.api.event;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to a batch: how many events were accepted and rejected, and one result per
 * event in the order of the batch.
 */
record BatchResult(int accepted, int rejected, List<Item> results) {

	static final String ACCEPTED = "ACCEPTED";

	static final String REJECTED = "REJECTED";

	static BatchResult of(List<Item> results) {
		int accepted = (int) results.stream().filter((item) -> ACCEPTED.equals(item.status())).count();
		return new BatchResult(accepted, results.size() - accepted, results);
	}

	/**
	 * @param index position in the batch, from 0
	 * @param id the event's id, when it has a readable one
	 * @param status {@code ACCEPTED} (it is in the event log) or {@code REJECTED}
	 * @param problem why it was rejected, shaped like the problem single ingest would
	 * answer
	 */
	record Item(int index, @JsonInclude(JsonInclude.Include.NON_NULL) String id, String status,
			@JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> problem) {

		static Item accepted(int index, String id) {
			return new Item(index, id, ACCEPTED, null);
		}

		static Item rejected(int index, String id, Map<String, Object> problem) {
			return new Item(index, id, REJECTED, problem);
		}

	}

}
