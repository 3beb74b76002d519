package org.calmdesk.ticket.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * The five steps for angry customers (seed 003) as states. The moves are fixed by the REST
 * contract; {@link #allowedMoves()} is the single source of them.
 */
public enum TicketStatus {
    /** Opened; nobody has answered the customer yet. */
    NEW,
    /** 共情理解: the customer's feelings were acknowledged; the first response. */
    ACKNOWLEDGED,
    /** 了解意图: finding out what the customer really wants. */
    INVESTIGATING,
    /** 合理建议: a solution was put to the customer. */
    SOLUTION_PROPOSED,
    /** 服务承诺: solved, with a promised follow-up. */
    RESOLVED,
    /** 反馈跟进: the follow-up confirmed satisfaction, or an agent closed it. */
    CLOSED,
    /** The customer was not satisfied; handling starts again. */
    REOPENED;

    public Set<TicketStatus> allowedMoves() {
        return switch (this) {
            case NEW -> EnumSet.of(ACKNOWLEDGED);
            case ACKNOWLEDGED -> EnumSet.of(INVESTIGATING);
            case INVESTIGATING -> EnumSet.of(SOLUTION_PROPOSED);
            case SOLUTION_PROPOSED -> EnumSet.of(INVESTIGATING, RESOLVED);
            case RESOLVED -> EnumSet.of(CLOSED, REOPENED);
            case CLOSED -> EnumSet.of(REOPENED);
            case REOPENED -> EnumSet.of(INVESTIGATING);
        };
    }

    public boolean canMoveTo(TicketStatus target) {
        return allowedMoves().contains(target);
    }

    /** Resolved or closed: no SLA clock runs. */
    public boolean isDone() {
        return this == RESOLVED || this == CLOSED;
    }
}
