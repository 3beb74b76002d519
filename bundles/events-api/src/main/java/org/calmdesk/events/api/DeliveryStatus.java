package org.calmdesk.events.api;

/** PENDING: not yet accepted (retries follow); DELIVERED: a 2xx came back; FAILED: given up (retry period over, 410, disabled). */
public enum DeliveryStatus {
    PENDING, DELIVERED, FAILED
}
