package org.calmdesk.knowledge.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a published article already covers a resolved case: the share of the case's
 * analysed words (subject and root cause) that the article's text (title, problem, root cause,
 * solution, tags) also contains. BM25 scores are not comparable across queries; this share is.
 */
final class CaseMatcher {

    /** Fewer distinct words than this say too little to call two problems the same. */
    static final int MIN_CASE_TERMS = 2;

    private CaseMatcher() {
    }

    static double coverage(Collection<String> caseTerms, Collection<String> articleTerms) {
        Set<String> wanted = new HashSet<>(caseTerms);
        if (wanted.size() < MIN_CASE_TERMS) {
            return 0;
        }
        Set<String> have = new HashSet<>(articleTerms);
        long covered = wanted.stream().filter(have::contains).count();
        return (double) covered / wanted.size();
    }

    static String caseText(String subject, String rootCause) {
        return String.join("\n", List.of(nullToEmpty(subject), nullToEmpty(rootCause)));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
