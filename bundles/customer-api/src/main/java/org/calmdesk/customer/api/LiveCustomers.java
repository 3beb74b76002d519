package org.calmdesk.customer.api;

import org.calmdesk.core.error.UnavailableException;
import org.calmdesk.core.error.ValidationException;

/** The check every module makes before it records something for a customer. */
public final class LiveCustomers {

    private LiveCustomers() {
    }

    /**
     * The customer, when the customer module runs and knows a live one by this id.
     *
     * @param customers the module's optional reference, null while the customer module is away (503)
     * @param action    what the caller is about to do, for the 503 message, e.g. "tickets cannot be opened"
     * @throws ValidationException naming {@code customerId} for an unknown, erased or merged customer (400)
     */
    public static Customer require(CustomerService customers, String customerId, String action) {
        if (customers == null) {
            throw new UnavailableException("The customer module is not running; " + action + " right now");
        }
        Customer customer = customers.find(customerId)
                .orElseThrow(() -> new ValidationException("customerId", "no customer with id '" + customerId + "'"));
        if (customer.erased()) {
            throw new ValidationException("customerId", "customer '" + customerId + "' has been erased");
        }
        if (customer.merged()) {
            throw new ValidationException("customerId", "customer '" + customerId + "' has been merged into '"
                    + customer.mergedInto() + "'");
        }
        return customer;
    }
}
