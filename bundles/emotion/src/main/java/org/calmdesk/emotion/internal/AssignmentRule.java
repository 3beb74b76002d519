package org.calmdesk.emotion.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whom the assignment helper gives a new unassigned ticket to. From the roster it drops agents in
 * a cool-down after an abusive contact and agents at the cap of open high-intensity tickets (they
 * are not available); of the rest it prefers those the customer has not clashed with, and among
 * those the one with the fewest hostile tickets today, then the fewest tickets today, then by
 * name. A clashed agent is chosen only when no one else is available; when nobody is available
 * the ticket stays unassigned for a team lead.
 */
final class AssignmentRule {

    record Choice(String agent, String reason) {
    }

    private AssignmentRule() {
    }

    static Optional<Choice> choose(List<String> roster, Map<String, int[]> today, Set<String> coolingDown, Set<String> atCap,
            Set<String> clashed) {
        List<String> available = roster.stream().filter(a -> !coolingDown.contains(a) && !atCap.contains(a)).toList();
        if (available.isEmpty()) {
            return Optional.empty();
        }
        List<String> preferred = available.stream().filter(a -> !clashed.contains(a)).toList();
        boolean onlyClashed = preferred.isEmpty();
        Comparator<String> leastExposed = Comparator.<String>comparingInt(a -> today.getOrDefault(a, new int[2])[0])
                .thenComparingInt(a -> today.getOrDefault(a, new int[2])[1]).thenComparing(Comparator.naturalOrder());
        String agent = (onlyClashed ? available : preferred).stream().min(leastExposed).orElseThrow();
        int[] counts = today.getOrDefault(agent, new int[2]);
        String reason = "least exposed available agent (" + counts[0] + " hostile of " + counts[1] + " today)"
                + (onlyClashed ? "; the customer clashed with every available agent" : "");
        return Optional.of(new Choice(agent, reason));
    }
}
