package org.calmdesk.emotion.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.emotion.api.Signal;

/**
 * A customer's emotional profile from their contacts in the window (default 90 days).
 * <p>
 * <b>Negativity score</b> (0-100): the recency-weighted mean of the contacts' negativity, a contact
 * weighing {@code 0.5^(age / half-life)} (half-life default 30 days); 0 without contacts.
 * <p>
 * <b>Temperament</b>, first rule that holds:
 * <ol>
 * <li><b>UNREASONABLE</b> (无理型) when any contact carried ABUSE, or two or more contacts carried a
 * regulator, media or legal threat, or the customer reopened two or more tickets;</li>
 * <li>otherwise UNKNOWN with fewer than two contacts (one contact is not a temperament);</li>
 * <li><b>EMOTIONAL</b> (情绪型) when at least half of the contacts are <i>heated</i> (a negative
 * emotion of intensity at least 0.6, two or more exclamation marks, or shouting in capitals) and
 * they outnumber the <i>measured</i> ones;</li>
 * <li><b>RATIONAL</b> (理智型) when at least half are <i>measured</i> (not heated, not satisfied,
 * and detailed: at least {@value #DETAILED} characters, a Han character counting three) and
 * they outnumber the heated ones;</li>
 * <li>otherwise UNKNOWN.</li>
 * </ol>
 * An agent's explicit temperament wins over this until new evidence arrives (the customer
 * module compares the evidence fingerprint).
 */
final class ProfileRule {

    static final int DETAILED = 120;
    static final double HEATED_INTENSITY = 0.6;

    enum Kind { TICKET, INTERACTION, REOPEN }

    record Evidence(Kind kind, String refId, Instant at, EmotionLabel label, double intensity, int negativity,
            Set<String> signals, int exclamations, boolean shouting, int detailLength) {

        boolean contact() {
            return kind != Kind.REOPEN;
        }

        boolean heated() {
            return (label.isNegative() && intensity >= HEATED_INTENSITY) || exclamations >= 2 || shouting;
        }

        boolean measured() {
            return !heated() && label != EmotionLabel.SATISFIED && detailLength >= DETAILED;
        }

        boolean threat() {
            return signals.contains(Signal.REGULATOR_THREAT.name()) || signals.contains(Signal.MEDIA_THREAT.name())
                    || signals.contains(Signal.LEGAL_THREAT.name());
        }
    }

    record Profile(int negativity, Temperament temperament, String reason, int evidenceCount, String fingerprint) {
    }

    private ProfileRule() {
    }

    static Profile infer(List<Evidence> all, Instant now, Duration window, Duration halfLife) {
        Instant since = now.minus(window);
        List<Evidence> recent = all.stream().filter(e -> !e.at().isBefore(since))
                .sorted(Comparator.comparing(Evidence::at).thenComparing(Evidence::refId)).toList();
        String fingerprint = recent.size() + ":" + (recent.isEmpty() ? "" : recent.get(recent.size() - 1).kind().name().charAt(0)
                + recent.get(recent.size() - 1).refId());
        if (fingerprint.length() > 100) {
            fingerprint = fingerprint.substring(0, 100);
        }
        double weighted = 0;
        double weights = 0;
        for (Evidence e : recent) {
            double ageDays = Math.max(0, Duration.between(e.at(), now).toMinutes() / 1440.0);
            double w = Math.pow(0.5, ageDays / Math.max(1, halfLife.toDays()));
            weighted += w * e.negativity();
            weights += w;
        }
        int score = weights == 0 ? 0 : (int) Math.round(weighted / weights);

        List<Evidence> contacts = recent.stream().filter(Evidence::contact).toList();
        long abuse = contacts.stream().filter(e -> e.signals().contains(Signal.ABUSE.name())).count();
        long threats = contacts.stream().filter(Evidence::threat).count();
        long reopens = recent.stream().filter(e -> e.kind() == Kind.REOPEN).count();
        Temperament temperament;
        String reason;
        if (abuse > 0) {
            temperament = Temperament.UNREASONABLE;
            reason = "abusive language in " + abuse + " contact(s)";
        } else if (threats >= 2) {
            temperament = Temperament.UNREASONABLE;
            reason = "threats in " + threats + " contacts";
        } else if (reopens >= 2) {
            temperament = Temperament.UNREASONABLE;
            reason = reopens + " reopened tickets";
        } else if (contacts.size() < 2) {
            temperament = Temperament.UNKNOWN;
            reason = "too few contacts";
        } else {
            long heated = contacts.stream().filter(Evidence::heated).count();
            long measured = contacts.stream().filter(Evidence::measured).count();
            if (heated * 2 >= contacts.size() && heated > measured) {
                temperament = Temperament.EMOTIONAL;
                reason = heated + " of " + contacts.size() + " contacts heated";
            } else if (measured * 2 >= contacts.size() && measured > heated) {
                temperament = Temperament.RATIONAL;
                reason = measured + " of " + contacts.size() + " contacts detailed and calm";
            } else {
                temperament = Temperament.UNKNOWN;
                reason = "no clear pattern";
            }
        }
        return new Profile(Math.max(0, Math.min(100, score)), temperament, reason, recent.size(), fingerprint);
    }

    /** How much a text explains: characters, a Han character counting three. */
    static int detailLength(String text) {
        if (text == null) {
            return 0;
        }
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            length += Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN ? 3 : 1;
        }
        return length;
    }
}
