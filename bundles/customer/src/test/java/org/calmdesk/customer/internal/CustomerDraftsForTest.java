package org.calmdesk.customer.internal;

import java.util.List;

import org.calmdesk.customer.api.CustomerDraft;

final class CustomerDraftsForTest {

    private CustomerDraftsForTest() {
    }

    static CustomerDraft named(String name) {
        return new CustomerDraft(null, name, null, null, null, null, null, List.of(), null);
    }
}
