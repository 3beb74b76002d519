package org.calmdesk.ticket.api;

/** What the complaint is about (DOMAIN.md). */
public enum TicketCategory {
    PRODUCT_QUALITY, AFTER_SALES, SERVICE_ATTITUDE, BILLING, DELIVERY,
    /** Policy and limits, e.g. a bank's transfer limit. */
    POLICY,
    OTHER
}
