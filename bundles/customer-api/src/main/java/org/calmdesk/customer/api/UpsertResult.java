package org.calmdesk.customer.api;

/** The outcome of an upsert by external reference. */
public record UpsertResult(Customer customer, boolean created) {
}
