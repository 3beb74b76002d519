package org.calmdesk.knowledge.api;

/**
 * What the problem library did with a resolved case.
 *
 * @param result  DRAFTED (a new draft article), COUNTED (a published article already covers it;
 *                its usage count went up), ALREADY_TAKEN (this resolution was handled before) or
 *                SKIPPED (no root cause to learn from)
 * @param article the drafted or counted article; null when SKIPPED
 */
public record IntakeOutcome(Result result, Article article) {

    public enum Result {
        DRAFTED, COUNTED, ALREADY_TAKEN, SKIPPED
    }
}
