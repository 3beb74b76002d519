package org.calmdesk.customer.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A likely duplicate of a customer ({@code GET /customers/{id}/duplicates}), with why.
 *
 * @param customer the candidate
 * @param score    0.0-1.0, higher is likelier
 * @param reasons  what matched, strongest first: {@code same-phone}, {@code same-email},
 *                 {@code same-name}, {@code similar-name}, {@code same-pinyin}
 */
public record DuplicateCandidate(
        Customer customer,
        @Schema(minimum = "0", maximum = "1") double score,
        @Schema(description = "What matched: same-phone, same-email, same-name, similar-name, same-pinyin") List<String> reasons) {

    public DuplicateCandidate {
        reasons = List.copyOf(reasons);
    }
}
