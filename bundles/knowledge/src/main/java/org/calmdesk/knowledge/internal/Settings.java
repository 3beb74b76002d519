package org.calmdesk.knowledge.internal;

import java.time.Duration;

/** The module's policy as currently configured (replaced as a whole on a live change). */
record Settings(Duration reviewPeriod, double dedupeThreshold, boolean importStarterLibrary, int indexCommitSeconds) {

    static final Settings DEFAULTS = new Settings(Duration.ofDays(180), 0.6, false, 5);

    static Settings of(KnowledgeConfig config) {
        return new Settings(Duration.ofDays(Math.max(0, config.reviewPeriodDays())),
                Math.min(1.0, Math.max(0.0, config.dedupeThreshold())), config.importStarterLibrary(),
                Math.max(1, config.indexCommitSeconds()));
    }

    Settings withReviewPeriod(Duration period) {
        return new Settings(period, dedupeThreshold, importStarterLibrary, indexCommitSeconds);
    }
}
