package org.calmdesk.ticket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.calmdesk.ticket.api.TicketStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (from, to) pair of the flow, checked against the contract's list of legal moves. */
class TicketStatusTest {

    /** The moves API.md allows, written out independently of the implementation. */
    private static final Set<String> LEGAL = Set.of(
            "NEW>ACKNOWLEDGED",
            "ACKNOWLEDGED>INVESTIGATING",
            "INVESTIGATING>SOLUTION_PROPOSED",
            "SOLUTION_PROPOSED>INVESTIGATING",
            "SOLUTION_PROPOSED>RESOLVED",
            "RESOLVED>CLOSED",
            "RESOLVED>REOPENED",
            "CLOSED>REOPENED",
            "REOPENED>INVESTIGATING");

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (TicketStatus from : TicketStatus.values()) {
            for (TicketStatus to : TicketStatus.values()) {
                pairs.add(Arguments.of(from, to, LEGAL.contains(from + ">" + to)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void onlyTheContractsMovesAreAllowed(TicketStatus from, TicketStatus to, boolean legal) {
        assertEquals(legal, from.canMoveTo(to));
        assertEquals(legal, from.allowedMoves().contains(to));
    }
}
