package org.calmdesk.knowledge.internal.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;

/**
 * Query-time expansion for the words customers use for the same complaint ("过期" / "逾期",
 * "晚点" / "延误", "rude" / "impolite"). Each line of {@code synonyms.txt} is a comma-separated
 * group; a query term of one member also looks for the others, at a lower weight. Members are
 * analysed like the text they will meet, so the map holds index terms (segmented, stemmed).
 */
final class Synonyms {

    private final Map<String, Set<String>> chinese = new HashMap<>();
    private final Map<String, Set<String>> english = new HashMap<>();

    Synonyms(Analyzers analyzers) {
        for (List<String> group : read()) {
            boolean zh = group.stream().anyMatch(Analyzers::hasHan);
            Analyzer analyzer = analyzers.forLanguage(zh ? "zh" : "en");
            Map<String, Set<String>> target = zh ? chinese : english;
            List<String> terms = new ArrayList<>();
            for (String member : group) {
                List<String> analysed = Analyzers.terms(analyzer, member, 2);
                if (analysed.size() == 1) {
                    terms.add(analysed.get(0));
                }
            }
            for (String term : terms) {
                Set<String> others = target.computeIfAbsent(term, t -> new LinkedHashSet<>());
                terms.stream().filter(t -> !t.equals(term)).forEach(others::add);
            }
        }
    }

    Set<String> of(String term, String language) {
        return ("zh".equals(language) ? chinese : english).getOrDefault(term, Set.of());
    }

    private static List<List<String>> read() {
        List<List<String>> groups = new ArrayList<>();
        try (InputStream in = Synonyms.class.getResourceAsStream("synonyms.txt")) {
            if (in == null) {
                return groups;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    groups.add(List.of(line.split("\\s*,\\s*")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return groups;
    }
}
