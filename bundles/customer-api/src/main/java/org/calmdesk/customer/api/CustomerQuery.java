package org.calmdesk.customer.api;

/**
 * Filters of {@code GET /customers}: {@code q} matches a substring of name, email, phone
 * (digits compared without punctuation) or externalRef, Chinese included; the rest match exactly.
 */
public record CustomerQuery(String q, Temperament temperament, String segment, String tag) {

    public static CustomerQuery all() {
        return new CustomerQuery(null, null, null, null);
    }
}
