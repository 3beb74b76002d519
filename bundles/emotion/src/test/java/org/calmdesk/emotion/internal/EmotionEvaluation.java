package org.calmdesk.emotion.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.emotion.api.EmotionAnalysis;

/**
 * Scores the default analyzer on the labelled sets in {@code eval/} (columns
 * {@code text<TAB>language<TAB>label<TAB>source}): accuracy per label, a confusion table, and
 * negative-vs-positive accuracy (texts labelled ANGER, DISAPPOINTMENT or ANXIETY against
 * SATISFIED; a NEUTRAL answer counts as wrong). {@code tune.tsv} is the part the lexicon was
 * adjusted on; {@code dev.tsv}, {@code dev2.tsv} and {@code dev3.tsv} were each written as a held-out set, scored once
 * blind, then tuned on too; {@code holdout.tsv} was written after all tuning and never tuned on.
 * Run by {@code bench/emotion-eval}.
 */
public final class EmotionEvaluation {

    static final String[] SETS = { "tune", "dev", "dev2", "dev3", "holdout" };

    record Item(String text, String language, EmotionLabel label, String source) {
    }

    record Result(String name, int total, int correct, int polarTotal, int polarCorrect,
            Map<EmotionLabel, Map<EmotionLabel, Integer>> confusion, double microsPerText, List<String> misses) {

        double accuracy() {
            return total == 0 ? 0 : (double) correct / total;
        }

        double polarity() {
            return polarTotal == 0 ? 0 : (double) polarCorrect / polarTotal;
        }

        double accuracyOf(EmotionLabel label) {
            Map<EmotionLabel, Integer> row = confusion.get(label);
            int all = row.values().stream().mapToInt(Integer::intValue).sum();
            return all == 0 ? Double.NaN : (double) row.getOrDefault(label, 0) / all;
        }
    }

    private EmotionEvaluation() {
    }

    static List<Item> load(String set) throws IOException {
        List<Item> items = new ArrayList<>();
        try (InputStream in = EmotionEvaluation.class.getClassLoader().getResourceAsStream("eval/" + set + ".tsv")) {
            if (in == null) {
                throw new IOException("no eval/" + set + ".tsv on the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 4) {
                    throw new IOException("eval/" + set + ".tsv: bad line: " + line);
                }
                items.add(new Item(f[0], f[1], EmotionLabel.valueOf(f[2].trim()), f[3].trim()));
            }
        }
        return items;
    }

    static Result evaluate(String name, List<Item> items, LexiconAnalyzer analyzer) {
        Map<EmotionLabel, Map<EmotionLabel, Integer>> confusion = new EnumMap<>(EmotionLabel.class);
        for (EmotionLabel label : EmotionLabel.values()) {
            confusion.put(label, new EnumMap<>(EmotionLabel.class));
        }
        int correct = 0;
        int polarTotal = 0;
        int polarCorrect = 0;
        List<String> misses = new ArrayList<>();
        long started = System.nanoTime();
        for (Item item : items) {
            EmotionAnalysis analysis = analyzer.analyze(item.text());
            confusion.get(item.label()).merge(analysis.label(), 1, Integer::sum);
            if (analysis.label() == item.label()) {
                correct++;
            } else {
                misses.add(item.label() + " -> " + analysis.label() + " (" + analysis.negativity() + ")  " + item.text());
            }
            if (item.label() != EmotionLabel.NEUTRAL) {
                polarTotal++;
                boolean expectedNegative = item.label().isNegative();
                if (analysis.label() != EmotionLabel.NEUTRAL && analysis.label().isNegative() == expectedNegative) {
                    polarCorrect++;
                }
            }
        }
        double micros = items.isEmpty() ? 0 : (System.nanoTime() - started) / 1000.0 / items.size();
        return new Result(name, items.size(), correct, polarTotal, polarCorrect, confusion, micros, misses);
    }

    static void print(Result r, PrintStream out, boolean showMisses) {
        out.printf(Locale.ROOT, "== %s: %d texts ==%n", r.name(), r.total());
        out.printf(Locale.ROOT, "label accuracy          %5.1f %% (%d/%d)%n", 100 * r.accuracy(), r.correct(), r.total());
        out.printf(Locale.ROOT, "negative vs positive    %5.1f %% (%d/%d; NEUTRAL answers count as wrong)%n",
                100 * r.polarity(), r.polarCorrect(), r.polarTotal());
        out.println("per label (rows: expected, columns: answered)");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-15s %7s", "", "acc"));
        for (EmotionLabel label : EmotionLabel.values()) {
            header.append(String.format(Locale.ROOT, " %6.6s", label.name()));
        }
        out.println(header);
        for (EmotionLabel expected : EmotionLabel.values()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-15s %6.1f%%", expected,
                    100 * r.accuracyOf(expected)));
            for (EmotionLabel answered : EmotionLabel.values()) {
                row.append(String.format(Locale.ROOT, " %6d", r.confusion().get(expected).getOrDefault(answered, 0)));
            }
            out.println(row);
        }
        out.printf(Locale.ROOT, "analyzer time           %5.1f us per text (cold, single pass)%n", r.microsPerText());
        if (showMisses) {
            r.misses().forEach(m -> out.println("  miss: " + m));
        }
    }

    /** Warm timing: many passes over the texts after a warm-up. */
    static double warmMicrosPerText(List<Item> items, LexiconAnalyzer analyzer) {
        for (int i = 0; i < 20; i++) {
            items.forEach(item -> analyzer.analyze(item.text()));
        }
        int rounds = 50;
        long started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            items.forEach(item -> analyzer.analyze(item.text()));
        }
        return (System.nanoTime() - started) / 1000.0 / (rounds * (double) items.size());
    }

    public static void main(String[] args) throws IOException {
        boolean showMisses = List.of(args).contains("--misses");
        LexiconAnalyzer analyzer = new LexiconAnalyzer(Lexicons.defaults());
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("Calmdesk emotion evaluation: analyzer " + LexiconAnalyzer.NAME + ", lexicon of "
                + analyzer.lexicon().size() + " terms");
        List<Item> all = new ArrayList<>();
        for (String set : SETS) {
            List<Item> items = load(set);
            all.addAll(items);
            print(evaluate(set + (set.equals("holdout") ? " (held out: never tuned on)" : " (tuned on)"), items, analyzer),
                    out, showMisses);
        }
        print(evaluate("all", all, analyzer), out, false);
        for (String language : List.of("zh", "en")) {
            Result r = evaluate("all, " + language, all.stream().filter(i -> i.language().equals(language)).toList(), analyzer);
            out.printf(Locale.ROOT, "%s: label accuracy %.1f %%, negative vs positive %.1f %% (%d texts)%n",
                    r.name(), 100 * r.accuracy(), 100 * r.polarity(), r.total());
        }
        out.printf(Locale.ROOT, "warm analyzer time: %.1f us per text%n", warmMicrosPerText(all, analyzer));
    }
}
