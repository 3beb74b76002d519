package org.calmdesk.emotion.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AssignmentRuleTest {

    private static final List<String> ROSTER = List.of("ann", "bob", "cai");

    private static String choose(Map<String, int[]> today, Set<String> cooling, Set<String> atCap, Set<String> clashed) {
        return AssignmentRule.choose(ROSTER, today, cooling, atCap, clashed).map(AssignmentRule.Choice::agent).orElse(null);
    }

    @Test
    void theLeastExposedAgentGetsTheTicketThenTheLeastBusyThenByName() {
        assertEquals("cai", choose(Map.of("ann", new int[] { 3, 5 }, "bob", new int[] { 1, 9 }, "cai", new int[] { 0, 12 }),
                Set.of(), Set.of(), Set.of()));
        assertEquals("bob", choose(Map.of("ann", new int[] { 1, 5 }, "bob", new int[] { 1, 2 }, "cai", new int[] { 2, 0 }),
                Set.of(), Set.of(), Set.of()));
        assertEquals("ann", choose(Map.of(), Set.of(), Set.of(), Set.of()));
    }

    @Test
    void agentsCoolingDownOrAtTheCapAreNotAvailable() {
        assertEquals("cai", choose(Map.of(), Set.of("ann"), Set.of("bob"), Set.of()));
        assertEquals(null, choose(Map.of(), Set.of("ann", "bob"), Set.of("cai"), Set.of()), "nobody available: stays unassigned");
    }

    @Test
    void aClashedAgentIsChosenOnlyWhenNoOneElseIsAvailable() {
        assertEquals("bob", choose(Map.of("bob", new int[] { 4, 4 }), Set.of(), Set.of(), Set.of("ann", "cai")));
        assertEquals("ann", choose(Map.of(), Set.of("bob"), Set.of("cai"), Set.of("ann")));
        assertTrue(AssignmentRule.choose(ROSTER, Map.of(), Set.of(), Set.of(), Set.copyOf(ROSTER)).orElseThrow().reason()
                .contains("clashed"));
    }
}
