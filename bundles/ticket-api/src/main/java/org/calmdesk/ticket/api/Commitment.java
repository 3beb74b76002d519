package org.calmdesk.ticket.api;

import java.time.Instant;

import javax.validation.constraints.Size;

/** 服务承诺: what was promised on resolving, and when the customer will be contacted again. */
public record Commitment(@Size(max = 1000) String text, Instant followUpAt) {
}
