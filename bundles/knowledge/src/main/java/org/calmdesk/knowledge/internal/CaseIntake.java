package org.calmdesk.knowledge.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.calmdesk.core.error.ValidationException;
import org.calmdesk.knowledge.api.Article;
import org.calmdesk.knowledge.api.ArticleCategory;
import org.calmdesk.knowledge.api.ArticleDraft;
import org.calmdesk.knowledge.api.IntakeOutcome;
import org.calmdesk.knowledge.api.KnowledgeEvents;
import org.calmdesk.knowledge.api.ResolvedCase;
import org.calmdesk.knowledge.internal.search.Analyzers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticket intake: a resolved case with a root cause either counts as a use of the published
 * article that already covers it (dedupe by term coverage, {@link CaseMatcher}) or becomes a new
 * draft. Each case is taken once, keyed by its ticket and the digest of its cause and resolution.
 */
final class CaseIntake {

    private static final Logger LOG = LoggerFactory.getLogger(CaseIntake.class);
    /** Published articles compared with a case. */
    private static final int CANDIDATES = 5;

    private final ArticleStore store;
    private final ArticleSearch search;
    private final Supplier<Settings> settings;
    private final Clock clock;

    CaseIntake(ArticleStore store, ArticleSearch search, Supplier<Settings> settings, Clock clock) {
        this.store = store;
        this.search = search;
        this.settings = settings;
        this.clock = clock;
    }

    IntakeOutcome take(ResolvedCase resolved) {
        if (resolved == null || resolved.ticketId() == null || resolved.ticketId().isBlank()) {
            throw new ValidationException("ticketId", "is required");
        }
        if (resolved.rootCause() == null || resolved.rootCause().isBlank()) {
            return new IntakeOutcome(IntakeOutcome.Result.SKIPPED, null);
        }
        String language = Analyzers.detectLanguage(String.join(" ", Objects.toString(resolved.subject(), ""),
                Objects.toString(resolved.description(), ""), resolved.rootCause()));
        ArticleCategory category = categoryOf(resolved.category());
        Optional<Article> known = closestPublished(resolved, category, language);
        IntakeOutcome outcome = store.atomically(() -> {
            IntakeOutcome taken = store.takeCase(intakeKey(resolved), resolved.ticketId().trim(),
                    known.map(Article::id).orElse(null), draftOf(resolved, category, language),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), settings.get().reviewPeriod());
            if (taken.result() == IntakeOutcome.Result.DRAFTED) {
                ArticlePublisher.append(KnowledgeEvents.CREATED, taken.article(), "system");
            }
            return taken;
        });
        if (outcome.result() == IntakeOutcome.Result.DRAFTED || outcome.result() == IntakeOutcome.Result.COUNTED) {
            search.sync(List.of(outcome.article().id()));
        }
        LOG.info("Resolved ticket {} taken into the problem library: {} {}", resolved.ticketId(), outcome.result(),
                outcome.article() == null ? "" : outcome.article().id());
        return outcome;
    }

    /** The published article of the same category and language that covers the case best, if close enough. */
    Optional<Article> closestPublished(ResolvedCase resolved, ArticleCategory category, String language) {
        String caseText = CaseMatcher.caseText(resolved.subject(), resolved.rootCause());
        List<Article> candidates = search.publishedMatching(caseText, category, language, CANDIDATES);
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        List<String> caseTerms = search.terms(caseText, language);
        Article best = null;
        double bestCoverage = -1;
        for (Article article : candidates) {
            String articleText = String.join("\n", article.title(), article.problem(), Objects.toString(article.rootCause(), ""),
                    Objects.toString(article.solution(), ""), String.join(" ", article.tags()));
            double coverage = CaseMatcher.coverage(caseTerms, search.terms(articleText, language));
            if (coverage > bestCoverage) {
                bestCoverage = coverage;
                best = article;
            }
        }
        return bestCoverage >= settings.get().dedupeThreshold() ? Optional.ofNullable(best) : Optional.empty();
    }

    private static ArticleDraft draftOf(ResolvedCase resolved, ArticleCategory category, String language) {
        String subject = blankTo(resolved.subject(), "Ticket " + Objects.toString(resolved.ticketNumber(), resolved.ticketId()));
        String problem = blankTo(resolved.description(), subject);
        return new ArticleDraft(cut(subject, 200), cut(problem, 4000), cut(resolved.rootCause().trim(), 4000),
                resolved.resolutionSummary() == null ? null : cut(resolved.resolutionSummary(), 8000), List.of(), category,
                List.of("from-ticket"), language);
    }

    static String intakeKey(ResolvedCase resolved) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((resolved.rootCause().trim() + "\n" + Objects.toString(resolved.resolutionSummary(), "").trim())
                    .getBytes(StandardCharsets.UTF_8));
            return cut(resolved.ticketId().trim(), 64) + ":" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ArticleCategory categoryOf(String name) {
        if (name == null) {
            return ArticleCategory.OTHER;
        }
        try {
            return ArticleCategory.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ArticleCategory.OTHER;
        }
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String cut(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
