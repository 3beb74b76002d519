package org.calmdesk.survey.api;

/** CSAT is 1-5, NPS 0-10, RATING 1 to its scale (default 5), CHOICE one of its options, TEXT free text. */
public enum QuestionType {
    CSAT, NPS, RATING, CHOICE, TEXT
}
