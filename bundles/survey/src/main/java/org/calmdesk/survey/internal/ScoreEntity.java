package org.calmdesk.survey.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

import org.calmdesk.survey.api.QuestionType;

/**
 * One numeric or text answer to one question, denormalised with what the report groups by
 * (survey, time, ticket category, opening negativity), so the report is a handful of aggregate
 * queries instead of reading every answer.
 */
@Entity
@Table(name = "survey_score", indexes = {
        @Index(name = "survey_score_report_ix", columnList = "survey_id,question_type,responded_at,ticket_category,ticket_negativity,score_value"),
        @Index(name = "survey_score_answer_ix", columnList = "answer_id") })
public class ScoreEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "answer_id", nullable = false, length = 36)
    private String answerId;

    @Column(name = "survey_id", nullable = false, length = 36)
    private String surveyId;

    @Column(name = "question_key", nullable = false, length = 40)
    private String questionKey;

    @Enumerated(EnumType.STRING)
    @Column(name = "question_type", nullable = false, length = 10)
    private QuestionType questionType;

    /** The value of CSAT, NPS and RATING answers; null for text. */
    @Column(name = "score_value")
    private Integer value;

    /** The text of TEXT and CHOICE answers; null for numbers. */
    @Column(name = "text_value", length = 4000)
    private String text;

    @Column(name = "ticket_id", length = 36)
    private String ticketId;

    @Column(name = "ticket_category", length = 30)
    private String ticketCategory;

    @Column(name = "ticket_negativity")
    private Integer ticketNegativity;

    @Column(name = "responded_at", nullable = false)
    private Instant respondedAt;

    protected ScoreEntity() {
    }

    @SuppressWarnings("java:S107") // denormalised on purpose
    ScoreEntity(String id, AnswerEntity answer, InvitationEntity invitation, String questionKey, QuestionType type, Integer value,
            String text) {
        this.id = id;
        this.answerId = answer.id();
        this.surveyId = answer.surveyId();
        this.questionKey = questionKey;
        this.questionType = type;
        this.value = value;
        this.text = text;
        this.ticketId = invitation.ticketId();
        this.ticketCategory = invitation.ticketCategory();
        this.ticketNegativity = invitation.ticketNegativity();
        this.respondedAt = answer.respondedAt();
    }

    String questionKey() {
        return questionKey;
    }

    String text() {
        return text;
    }

    String ticketId() {
        return ticketId;
    }

    Instant respondedAt() {
        return respondedAt;
    }

    void redact(String marker) {
        text = marker;
    }
}
