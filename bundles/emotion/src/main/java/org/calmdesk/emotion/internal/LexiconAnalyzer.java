package org.calmdesk.emotion.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.emotion.api.EmotionAnalysis;
import org.calmdesk.emotion.api.Signal;
import org.calmdesk.emotion.internal.Lexicon.Category;
import org.calmdesk.emotion.internal.Lexicon.Match;

/**
 * The offline analyzer: one scan of the text against the {@link Lexicon}, then rules.
 * <ul>
 * <li>Each emotion word adds its weight to its emotion (anger, disappointment, anxiety,
 * satisfaction).</li>
 * <li>A negator shortly before it in the same clause (不/没/没有/别/不太 ..., not/never/n't, up to
 * {@value #CJK_WINDOW} characters or {@value #LATIN_WINDOW_WORDS} words between) flips it: a
 * negated satisfaction word (不满意, not happy) counts as disappointment, a negated negative word
 * (不生气, not bad) as a little satisfaction.</li>
 * <li>Intensifiers (非常/太/很, very/so/extremely) multiply the next emotion word, diminishers
 * (有点, a bit) damp it; what comes before a contrast (但是, but) in the same sentence counts
 * half.</li>
 * <li>Runs of exclamation marks, ALL-CAPS words and insults strengthen the negative side;
 * signal phrases (abuse, regulator, media and legal threats, repeated contact, urgency) are
 * reported and add to anger (threats, abuse), disappointment (repeats) or anxiety (urgency).
 * Repeated contact and urgency are reported only when the text is not satisfied.</li>
 * <li>A disappointment aimed at the company (你们, your company) leans towards anger.</li>
 * <li>A text without any feeling or signal reads as a mild disappointment when it has an unattached
 * negator ("never showed up") or, being a statement of some length, asks nothing (no 请问, 吗, ?,
 * please, how ...): customers write to a complaint desk to ask or to complain.</li>
 * <li>The label is SATISFIED when satisfaction outweighs the negative emotions, else the strongest
 * negative emotion, NEUTRAL when nothing was found. Intensity grows with the winning side's
 * weight; negativity is 25 for a neutral text, rises towards 100 with the negative margin and
 * falls towards 0 with the positive one.</li>
 * </ul>
 * Immutable and thread-safe; no regular expression per term, a few precompiled ones per text.
 */
final class LexiconAnalyzer {

    static final String NAME = "lexicon-1";
    static final int CJK_WINDOW = 3;
    static final int LATIN_WINDOW_WORDS = 2;
    private static final double MAX_MULTIPLIER = 2.5;
    private static final double CONTRAST_DAMPING = 0.5;
    private static final double NEGATED_NEGATIVE = 0.4;
    private static final double NEGATED_POSITIVE = 0.9;
    /** How long (characters, a Han character counting three) a text must be to read as a statement of a problem. */
    static final int STATEMENT = 18;

    /** 第三次, 打了五次, three times, 4 calls: repeated contact spelled with a number. */
    private static final Pattern REPEAT_COUNT = Pattern.compile(
            "第\\s*[二三四五六七八九十两几0-9]+\\s*[次回遍]|[打找来去][了过]\\s*[二三四五六七八九十两几0-9]+\\s*[次回遍通趟]"
                    + "|\\b([2-9]|1[0-9]|two|three|four|five|six|seven|eight|ten|several|multiple|many|countless|numerous)"
                    + "\\s+(times|calls|emails|visits)\\b");
    /** Latin words of 4+ letters, for the ALL-CAPS check. */
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]{4,}");

    private final Lexicon lexicon;

    LexiconAnalyzer(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    Lexicon lexicon() {
        return lexicon;
    }

    /** Surface features of a text the profile rule also uses. */
    record Features(int exclamations, int longestExclamationRun, boolean shouting, int length) {

        static Features of(String original) {
            int total = 0;
            int run = 0;
            int longest = 0;
            for (int i = 0; i < original.length(); i++) {
                char c = original.charAt(i);
                if (c == '!' || c == '！') {
                    total++;
                    run++;
                    longest = Math.max(longest, run);
                } else if (!Character.isWhitespace(c)) {
                    run = 0;
                }
            }
            int words = 0;
            int caps = 0;
            var m = LATIN_WORD.matcher(original);
            while (m.find()) {
                words++;
                String w = m.group();
                if (w.equals(w.toUpperCase(java.util.Locale.ROOT))) {
                    caps++;
                }
            }
            boolean shouting = caps >= 2 || (caps >= 1 && words <= 3) || (words >= 4 && caps * 3 >= words);
            return new Features(total, longest, shouting, original.strip().length());
        }
    }

    EmotionAnalysis analyze(String original) {
        String text = Lexicon.normalise(original);
        List<Match> matches = lexicon.scan(text);
        double anger = 0;
        double disappointment = 0;
        double anxiety = 0;
        double satisfied = 0;
        double signalAnger = 0;
        double signalDisappointment = 0;
        double signalAnxiety = 0;
        Set<Signal> signals = EnumSet.noneOf(Signal.class);

        int lastContrast = lastContrast(matches);
        int contrastFrom = lastContrast < 0 ? -1 : sentenceStart(text, lastContrast);
        double multiplier = 1.0;
        Match negator = null;
        Match modifier = null;
        int looseNegators = 0;
        int requests = 0;
        int targets = 0;
        for (int k = 0; k < matches.size(); k++) {
            Match match = matches.get(k);
            if (match.has(Category.REQUEST)) {
                requests++;
            }
            if (match.has(Category.TARGET)) {
                targets++;
            }
            if (modifier != null && !near(text, modifier, match)) {
                looseNegators += negator == null ? 0 : 1;
                multiplier = 1.0;
                negator = null;
                modifier = null;
            }
            Match next = k + 1 < matches.size() ? matches.get(k + 1) : null;
            boolean emotionFollows = next != null && emotionOf(next) != null && near(text, match, next);
            boolean actsAsModifier = hasModifier(match) && (emotionOf(match) == null || (emotionFollows && next.start() == match.end()));
            if (actsAsModifier) {
                if (match.has(Category.NEGATOR)) {
                    negator = match;
                }
                if (match.has(Category.INTENSIFIER)) {
                    multiplier = Math.min(MAX_MULTIPLIER, multiplier * match.weight(Category.INTENSIFIER));
                }
                if (match.has(Category.DIMINISHER)) {
                    multiplier *= match.weight(Category.DIMINISHER);
                }
                modifier = match;
                continue;
            }
            for (Category category : match.meanings().keySet()) {
                if (category.isSignal()) {
                    Signal signal = Signal.valueOf(category.name());
                    signals.add(signal);
                    double w = match.weight(category);
                    switch (signal) {
                        case ABUSE -> signalAnger += w;
                        case REGULATOR_THREAT, MEDIA_THREAT, LEGAL_THREAT -> signalAnger += 0.75 * w;
                        case REPEAT_CONTACT -> {
                            signalDisappointment += 0.5 * w;
                            signalAnger += 0.5 * w;
                        }
                        case URGENCY -> signalAnxiety += w;
                        default -> { }
                    }
                }
            }
            Category emotion = emotionOf(match);
            if (emotion == null && negator != null) {
                looseNegators++;
            }
            if (emotion != null) {
                double weight = match.weight(emotion) * multiplier;
                if (match.start() < lastContrast && match.start() >= contrastFrom) {
                    weight *= CONTRAST_DAMPING;
                }
                if (negator != null) {
                    if (emotion == Category.SATISFIED) {
                        emotion = Category.DISAPPOINTMENT;
                        weight *= NEGATED_POSITIVE;
                    } else {
                        emotion = Category.SATISFIED;
                        weight *= NEGATED_NEGATIVE;
                    }
                }
                switch (emotion) {
                    case ANGER -> anger += weight;
                    case DISAPPOINTMENT -> disappointment += weight;
                    case ANXIETY -> anxiety += weight;
                    case SATISFIED -> satisfied += weight;
                    default -> { }
                }
            }
            multiplier = 1.0;
            negator = null;
            modifier = null;
        }
        if (negator != null) {
            looseNegators++;
        }
        if (anger + disappointment + anxiety + satisfied == 0 && signals.isEmpty()) {
            if (looseNegators > 0) {
                // A complaint often says what did not happen without naming a feeling ("never showed up").
                disappointment += Math.min(2.0, 0.8 * looseNegators);
            } else if (requests == 0 && ProfileRule.detailLength(original) >= STATEMENT) {
                // Customers write to a complaint desk to ask or to complain: a statement that asks nothing
                // and names no feeling most often describes a problem ("the kettle leaks").
                disappointment += 0.8;
            }
        }
        if (REPEAT_COUNT.matcher(text).find() && !signals.contains(Signal.REPEAT_CONTACT)) {
            signals.add(Signal.REPEAT_CONTACT);
            signalDisappointment += 0.75;
            signalAnger += 0.75;
        }

        Features features = Features.of(original);
        double heat = 1.0 + 0.12 * Math.min(features.exclamations(), 5) + (features.longestExclamationRun() >= 3 ? 0.2 : 0)
                + (features.shouting() ? 0.4 : 0);
        anger = (anger + signalAnger) * heat;
        disappointment = (disappointment + signalDisappointment) * (1 + (heat - 1) / 2);
        anxiety = (anxiety + signalAnxiety) * (1 + (heat - 1) / 2);
        if (targets > 0 && disappointment > anger && disappointment >= satisfied) {
            anger += 0.5 * disappointment; // a grievance aimed at the company ("你们 ... 不承认") is anger more often than not
        }
        if (heat > 1.3 && anger > 0 && anger >= 0.5 * Math.max(disappointment, anxiety)) {
            anger *= 1.4; // shouting tips mixed negative feelings towards anger
        }
        double negative = anger + disappointment + anxiety;
        double margin = negative - satisfied;

        EmotionLabel label;
        double intensity;
        if (negative == 0 && satisfied == 0) {
            label = EmotionLabel.NEUTRAL;
            intensity = 0.0;
        } else if (satisfied > negative) {
            label = EmotionLabel.SATISFIED;
            intensity = scale(satisfied - 0.5 * negative, 4);
        } else if (margin == 0) {
            label = EmotionLabel.NEUTRAL;
            intensity = 0.0;
        } else if (anger >= disappointment && anger >= anxiety) {
            label = EmotionLabel.ANGER;
            intensity = scale(margin, 5);
        } else if (disappointment >= anxiety) {
            label = EmotionLabel.DISAPPOINTMENT;
            intensity = scale(margin, 5);
        } else {
            label = EmotionLabel.ANXIETY;
            intensity = scale(margin, 5);
        }
        if (label == EmotionLabel.SATISFIED) {
            signals.remove(Signal.REPEAT_CONTACT);
            signals.remove(Signal.URGENCY);
        }
        int negativity = margin >= 0 ? (int) Math.round(25 + 75 * Math.tanh(margin / 4))
                : (int) Math.round(25 - 25 * Math.tanh(-margin / 2.5));
        return new EmotionAnalysis(label, Math.round(intensity * 100) / 100.0, Math.max(0, Math.min(100, negativity)),
                signals, NAME);
    }

    private static double scale(double weight, double halfish) {
        if (weight <= 0) {
            return 0.1;
        }
        return Math.max(0.1, Math.min(1.0, 1 - Math.exp(-weight / halfish)));
    }

    private static Category emotionOf(Match match) {
        for (Category category : match.meanings().keySet()) {
            if (category.isEmotion()) {
                return category;
            }
        }
        return null;
    }

    private static boolean hasModifier(Match match) {
        for (Category category : match.meanings().keySet()) {
            if (category.isModifier()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a modifier reaches the match after it: same clause, few characters (CJK) or words (Latin) between. */
    static boolean near(String text, Match modifier, Match target) {
        int from = modifier.end();
        int to = target.start();
        if (to < from) {
            return false;
        }
        int words = 0;
        boolean inWord = false;
        int cjk = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (isClauseBreak(c)) {
                return false;
            }
            if (Lexicon.isWordChar(c)) {
                if (!inWord) {
                    words++;
                }
                inWord = true;
            } else {
                inWord = false;
                if (!Character.isWhitespace(c)) {
                    cjk++;
                }
            }
        }
        return cjk <= CJK_WINDOW && words <= LATIN_WINDOW_WORDS;
    }

    private static boolean isClauseBreak(char c) {
        return c == ',' || c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '、' || c == '，' || c == '。'
                || c == '；' || c == '\n' || c == '~';
    }

    private static boolean isSentenceBreak(char c) {
        return c == '.' || c == '!' || c == '?' || c == '。' || c == '\n' || c == ';';
    }

    /**
     * The position of the last contrast word (但是, but): emotion words before it in its sentence
     * count half, which covers the common "X was fine, but Y" review.
     */
    private static int lastContrast(List<Match> matches) {
        int contrast = -1;
        for (Match match : matches) {
            if (match.has(Category.CONTRAST) && match.meanings().size() == 1) {
                contrast = match.start();
            }
        }
        return contrast;
    }

    /** The first position of the sentence containing {@code position}. */
    static int sentenceStart(String text, int position) {
        for (int i = position - 1; i >= 0; i--) {
            if (isSentenceBreak(text.charAt(i))) {
                return i + 1;
            }
        }
        return 0;
    }
}
