package org.calmdesk.emotion.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The analyzer's vocabulary, compiled into a character trie for one left-to-right scan: terms
 * match by substring (Chinese has no spaces), longest first; terms of Latin letters or digits
 * match whole words only, and a trailing {@code *} matches any ending of the word. A term may
 * carry several categories (e.g. 好 is a satisfaction word and an intensifier). Immutable and
 * thread-safe; build a new one to change it.
 */
final class Lexicon {

    /** What a term means to the analyzer. */
    enum Category {
        ANGER, DISAPPOINTMENT, ANXIETY, SATISFIED,
        NEGATOR, INTENSIFIER, DIMINISHER, CONTRAST,
        ABUSE, REGULATOR_THREAT, MEDIA_THREAT, LEGAL_THREAT, REPEAT_CONTACT, URGENCY,
        /** Consumes a common phrase that would otherwise read as emotion (不好意思, 快递). */
        NONE,
        /** Marks an enquiry or request (请问, 吗, ?, please, how): without any feeling such a text is neutral. */
        REQUEST,
        /** Names the company the customer is speaking to (你们, your company): a negative reading aimed at it leans to anger. */
        TARGET,
        /** Only in extensions: removes the term. */
        IGNORE;

        boolean isEmotion() {
            return this == ANGER || this == DISAPPOINTMENT || this == ANXIETY || this == SATISFIED;
        }

        boolean isModifier() {
            return this == NEGATOR || this == INTENSIFIER || this == DIMINISHER;
        }

        boolean isSignal() {
            return ordinal() >= ABUSE.ordinal() && ordinal() <= URGENCY.ordinal();
        }
    }

    /** One parsed line: {@code term<TAB>CATEGORY<TAB>weight}. */
    record Entry(String term, Category category, double weight) {
    }

    /** A match in a text: [start, end) of the normalised text and the term's meanings. */
    record Match(int start, int end, Map<Category, Double> meanings) {
        boolean has(Category category) {
            return meanings.containsKey(category);
        }

        double weight(Category category) {
            return meanings.getOrDefault(category, 0.0);
        }
    }

    private static final class Node {
        final Map<Character, Node> next = new HashMap<>(4);
        Map<Category, Double> exact;
        Map<Category, Double> prefix;
    }

    private final Node root = new Node();
    private final int size;

    private Lexicon(Map<String, Map<Category, Double>> terms) {
        int count = 0;
        for (Map.Entry<String, Map<Category, Double>> term : terms.entrySet()) {
            if (term.getValue().isEmpty()) {
                continue;
            }
            boolean prefix = term.getKey().endsWith("*");
            String text = prefix ? term.getKey().substring(0, term.getKey().length() - 1) : term.getKey();
            Node node = root;
            for (int i = 0; i < text.length(); i++) {
                node = node.next.computeIfAbsent(text.charAt(i), c -> new Node());
            }
            Map<Category, Double> meanings = Collections.unmodifiableMap(new EnumMap<>(term.getValue()));
            if (prefix) {
                node.prefix = meanings;
            } else {
                node.exact = meanings;
            }
            count++;
        }
        this.size = count;
    }

    int size() {
        return size;
    }

    /** Builds a lexicon from entry lists applied in order: a later entry of the same term and category replaces the earlier one. */
    static Lexicon of(List<List<Entry>> layers) {
        Map<String, Map<Category, Double>> terms = new LinkedHashMap<>();
        for (List<Entry> layer : layers) {
            for (Entry entry : layer) {
                if (entry.category() == Category.IGNORE) {
                    terms.remove(entry.term());
                } else {
                    terms.computeIfAbsent(entry.term(), t -> new EnumMap<>(Category.class)).put(entry.category(), entry.weight());
                }
            }
        }
        return new Lexicon(terms);
    }

    /**
     * Parses lexicon lines. Blank lines and lines starting with {@code #} are skipped; the
     * separator is a tab or {@code |}; the weight defaults to 1.
     *
     * @throws IllegalArgumentException naming the source and line of the first bad entry
     */
    static List<Entry> parse(Reader reader, String source) throws IOException {
        List<Entry> entries = new ArrayList<>();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            Entry entry = parseEntry(line, source + ":" + number);
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** Inline entries from configuration, separated by {@code ;} or new lines: {@code term|CATEGORY|weight}. */
    static List<Entry> parseInline(String inline, String source) {
        List<Entry> entries = new ArrayList<>();
        if (inline == null) {
            return entries;
        }
        int number = 0;
        for (String part : inline.split("[;\\n]")) {
            number++;
            Entry entry = parseEntry(part, source + " entry " + number);
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static Entry parseEntry(String line, String where) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        String[] fields = trimmed.split("\\s*[\\t|]\\s*");
        if (fields.length < 2 || fields.length > 3 || fields[0].isBlank()) {
            throw new IllegalArgumentException(where + ": expected term<TAB>CATEGORY<TAB>weight");
        }
        String term = normalise(fields[0].strip());
        if (term.equals("*")) {
            throw new IllegalArgumentException(where + ": a term must not be only *");
        }
        Category category;
        try {
            category = Category.valueOf(fields[1].strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": unknown category '" + fields[1].strip() + "'");
        }
        double weight = 1.0;
        if (fields.length == 3) {
            try {
                weight = Double.parseDouble(fields[2].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": weight is not a number");
            }
            if (weight < 0 || weight > 10 || Double.isNaN(weight)) {
                throw new IllegalArgumentException(where + ": weight must be between 0 and 10");
            }
        }
        return new Entry(term, category, weight);
    }

    /**
     * Lower case, full-width ASCII to half-width, typographic apostrophes to {@code '}; one char
     * for one char, so positions in the result are positions in the original.
     */
    static String normalise(String text) {
        char[] chars = new char[text.length()];
        for (int i = 0; i < chars.length; i++) {
            char c = text.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            } else if (c == '\u3000') {
                c = ' ';
            } else if (c == '\u2019' || c == '\u2018') {
                c = '\'';
            }
            char lower = Character.toLowerCase(c);
            chars[i] = Character.isSurrogate(c) ? c : lower;
        }
        return new String(chars);
    }

    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '\''
                || (c >= '\u00C0' && c <= '\u024F');
    }

    /** All non-overlapping matches in a normalised text, longest first at each position. */
    List<Match> scan(String text) {
        List<Match> matches = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int end = -1;
            Map<Category, Double> meanings = null;
            boolean wordStart = i == 0 || !isWordChar(text.charAt(i - 1));
            Node node = root;
            for (int j = i; j < n; j++) {
                node = node.next.get(text.charAt(j));
                if (node == null) {
                    break;
                }
                boolean latinTerm = isWordChar(text.charAt(i)) || isWordChar(text.charAt(j));
                if (latinTerm && !wordStart && isWordChar(text.charAt(i))) {
                    break; // inside a word: "so" in "also"
                }
                if (node.prefix != null) {
                    int k = j + 1;
                    while (k < n && isWordChar(text.charAt(k))) {
                        k++;
                    }
                    if (k > end) {
                        end = k;
                        meanings = node.prefix;
                    }
                }
                if (node.exact != null) {
                    boolean wordEnd = !isWordChar(text.charAt(j)) || j + 1 == n || !isWordChar(text.charAt(j + 1));
                    if (wordEnd && j + 1 >= end) {
                        end = j + 1;
                        meanings = node.exact;
                    }
                }
            }
            if (meanings != null) {
                matches.add(new Match(i, end, meanings));
                i = end;
            } else {
                // skip the rest of a Latin word: terms start at word starts only
                if (isWordChar(text.charAt(i))) {
                    while (i < n && isWordChar(text.charAt(i))) {
                        i++;
                    }
                } else {
                    i++;
                }
            }
        }
        return matches;
    }
}
