package org.calmdesk.customer.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.DuplicateCandidate;

/**
 * How likely two customers are one person, and why: points for each thing they share, added up
 * and capped at 1. Plain rules an agent can check by eye:
 * <ul>
 * <li>{@code same-phone} (0.5): the same normalised phone ({@link ContactKeys#phone});</li>
 * <li>{@code same-email} (0.45): the same normalised e-mail ({@link ContactKeys#email});</li>
 * <li>{@code same-name} (0.3): the same name, ignoring case, spaces and punctuation;</li>
 * <li>{@code similar-name} (0.2): the same characters in another order ({@code Li Lei} / {@code Lei Li},
 * {@code 王芳} / {@code 芳王}), or (0.15) one name contained in the other, at least two characters
 * long ({@code 王芳} / {@code 王芳芳});</li>
 * <li>{@code same-pinyin} (0.2): other characters of the same sound ({@code 张伟} / {@code 章伟}),
 * or the pinyin of a Chinese name ({@code 王芳} / {@code Wang Fang}), see {@link NameSound}.</li>
 * </ul>
 */
final class DuplicateScoring {

    static final String SAME_PHONE = "same-phone";
    static final String SAME_EMAIL = "same-email";
    static final String SAME_NAME = "same-name";
    static final String SIMILAR_NAME = "similar-name";
    static final String SAME_PINYIN = "same-pinyin";

    private DuplicateScoring() {
    }

    /** The candidate's score and reasons against {@code customer}, or null when they share nothing. */
    static DuplicateCandidate score(Customer customer, Customer candidate) {
        double score = 0;
        List<String> reasons = new ArrayList<>();
        String phone = ContactKeys.phone(customer.phone());
        if (phone != null && phone.equals(ContactKeys.phone(candidate.phone()))) {
            score += 0.5;
            reasons.add(SAME_PHONE);
        }
        String email = ContactKeys.email(customer.email());
        if (email != null && email.equals(ContactKeys.email(candidate.email()))) {
            score += 0.45;
            reasons.add(SAME_EMAIL);
        }
        NameMatch name = nameMatch(customer.name(), candidate.name());
        if (name != null) {
            reasons.add(name.reason());
            score += name.score();
        }
        if (reasons.isEmpty()) {
            return null;
        }
        return new DuplicateCandidate(candidate, Math.min(1.0, Math.round(score * 100) / 100.0), reasons);
    }

    /** How two names match: its points and its reason. */
    record NameMatch(double score, String reason) {
    }

    /**
     * 0.3 for the same name, 0.2 for the same characters in another order or the same pinyin,
     * 0.15 for one inside the other; null when the names do not match.
     */
    static NameMatch nameMatch(String a, String b) {
        String x = ContactKeys.name(a);
        String y = ContactKeys.name(b);
        if (x == null || y == null) {
            return null;
        }
        if (x.equals(y)) {
            return new NameMatch(0.3, SAME_NAME);
        }
        if (sorted(x).equals(sorted(y))) {
            return new NameMatch(0.2, SIMILAR_NAME);
        }
        String sound = NameSound.of(a);
        if (sound != null && sound.equals(NameSound.of(b))) {
            return new NameMatch(0.2, SAME_PINYIN);
        }
        String shorter = x.length() <= y.length() ? x : y;
        String longer = shorter == x ? y : x;
        if (shorter.codePointCount(0, shorter.length()) >= 2 && longer.contains(shorter)) {
            return new NameMatch(0.15, SIMILAR_NAME);
        }
        return null;
    }

    /** Best first: score, then the most recently updated, then id. */
    static List<DuplicateCandidate> rank(Customer customer, List<Customer> found, int limit) {
        return found.stream()
                .filter(c -> !c.id().equals(customer.id()) && !c.erased() && !c.merged())
                .filter(distinctById())
                .map(c -> score(customer, c))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparingDouble(DuplicateCandidate::score).reversed()
                        .thenComparing(c -> c.customer().updatedAt(), Comparator.reverseOrder())
                        .thenComparing(c -> c.customer().id()))
                .limit(limit)
                .toList();
    }

    private static java.util.function.Predicate<Customer> distinctById() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return c -> seen.add(c.id());
    }

    private static String sorted(String text) {
        int[] codePoints = text.codePoints().toArray();
        Arrays.sort(codePoints);
        return new String(codePoints, 0, codePoints.length);
    }
}
