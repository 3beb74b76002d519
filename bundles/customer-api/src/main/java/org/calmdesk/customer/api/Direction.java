package org.calmdesk.customer.api;

/** Who started an interaction. */
public enum Direction {
    INBOUND, OUTBOUND
}
