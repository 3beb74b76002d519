package org.calmdesk.ticket.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.ticket.api.Priority;
import org.calmdesk.ticket.api.TicketCategory;

/**
 * The priority of a ticket opened without one. Points are added up:
 * <ul>
 * <li>emotion ANGER +2; ANXIETY or DISAPPOINTMENT +1; a negative emotion of intensity 0.8 or more +1;</li>
 * <li>category PRODUCT_QUALITY, BILLING or SERVICE_ATTITUDE (money, defects, staff) +1;</li>
 * <li>customer temperament EMOTIONAL or UNREASONABLE +1; customer negativity score 60 or more +1;</li>
 * <li>customer segment among the configured VIP segments +1;</li>
 * <li>signals URGENCY, REPEAT_CONTACT or ABUSE +1 each.</li>
 * </ul>
 * 5 or more is P1, 3-4 P2, 1-2 P3, 0 P4. A regulator, media or legal threat is always P1 (the
 * emergency path of seed 004). A priority given in the request always wins.
 */
final class PriorityRule {

    static final Set<String> EMERGENCY_SIGNALS = Set.of("REGULATOR_THREAT", "MEDIA_THREAT", "LEGAL_THREAT");
    private static final Set<String> RAISING_SIGNALS = Set.of("URGENCY", "REPEAT_CONTACT", "ABUSE");
    private static final Set<TicketCategory> SENSITIVE_CATEGORIES = Set.of(TicketCategory.PRODUCT_QUALITY,
            TicketCategory.BILLING, TicketCategory.SERVICE_ATTITUDE);

    record Inputs(TicketCategory category, EmotionLabel emotion, double intensity, Collection<String> signals,
            Temperament temperament, int customerNegativity, String segment) {
    }

    /** The priority and the reasons behind it, e.g. {@code ["anger +2", "vip segment +1"]}. */
    record Derived(Priority priority, int points, List<String> reasons) {
    }

    private PriorityRule() {
    }

    static Derived derive(Inputs in, Set<String> vipSegments) {
        List<String> reasons = new ArrayList<>();
        int points = 0;
        for (String signal : in.signals()) {
            if (EMERGENCY_SIGNALS.contains(signal)) {
                reasons.add(signal.toLowerCase(Locale.ROOT) + " -> P1");
                return new Derived(Priority.P1, points, reasons);
            }
        }
        if (in.emotion() == EmotionLabel.ANGER) {
            points += add(reasons, "anger", 2);
        } else if (in.emotion() == EmotionLabel.ANXIETY || in.emotion() == EmotionLabel.DISAPPOINTMENT) {
            points += add(reasons, in.emotion().name().toLowerCase(Locale.ROOT), 1);
        }
        if (in.emotion() != null && in.emotion().isNegative() && in.intensity() >= 0.8) {
            points += add(reasons, "intense emotion", 1);
        }
        if (SENSITIVE_CATEGORIES.contains(in.category())) {
            points += add(reasons, "category " + in.category().name().toLowerCase(Locale.ROOT), 1);
        }
        if (in.temperament() == Temperament.EMOTIONAL || in.temperament() == Temperament.UNREASONABLE) {
            points += add(reasons, in.temperament().name().toLowerCase(Locale.ROOT) + " customer", 1);
        }
        if (in.customerNegativity() >= 60) {
            points += add(reasons, "customer negativity " + in.customerNegativity(), 1);
        }
        if (in.segment() != null && vipSegments.contains(in.segment().trim().toLowerCase(Locale.ROOT))) {
            points += add(reasons, "segment " + in.segment().trim(), 1);
        }
        for (String signal : in.signals()) {
            if (RAISING_SIGNALS.contains(signal)) {
                points += add(reasons, signal.toLowerCase(Locale.ROOT), 1);
            }
        }
        Priority priority = points >= 5 ? Priority.P1 : points >= 3 ? Priority.P2 : points >= 1 ? Priority.P3 : Priority.P4;
        return new Derived(priority, points, reasons);
    }

    private static int add(List<String> reasons, String reason, int points) {
        reasons.add(reason + " +" + points);
        return points;
    }
}
