package org.calmdesk.survey.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/** One customer's answer to one invitation (unique: a second answer to a token can never be stored). */
@Entity
@Table(name = "survey_answer", indexes = {
        @Index(name = "survey_answer_invitation_ix", columnList = "invitation_id", unique = true),
        @Index(name = "survey_answer_survey_ix", columnList = "survey_id,responded_at"),
        @Index(name = "survey_answer_customer_ix", columnList = "customer_id,responded_at") })
public class AnswerEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "invitation_id", nullable = false, length = 36)
    private String invitationId;

    @Column(name = "survey_id", nullable = false, length = 36)
    private String surveyId;

    @Column(nullable = false)
    private int revision;

    @Column(name = "customer_id", nullable = false, length = 36)
    private String customerId;

    @Column(name = "ticket_id", length = 36)
    private String ticketId;

    @Column(name = "ticket_category", length = 30)
    private String ticketCategory;

    @Column(name = "ticket_negativity")
    private Integer ticketNegativity;

    @Column(name = "answers_json", nullable = false, length = 100_000)
    private String answersJson;

    @Column(name = "responded_at", nullable = false)
    private Instant respondedAt;

    protected AnswerEntity() {
    }

    AnswerEntity(String id, InvitationEntity invitation, String answersJson, Instant now) {
        this.id = id;
        this.invitationId = invitation.id();
        this.surveyId = invitation.surveyId();
        this.revision = invitation.revision();
        this.customerId = invitation.customerId();
        this.ticketId = invitation.ticketId();
        this.ticketCategory = invitation.ticketCategory();
        this.ticketNegativity = invitation.ticketNegativity();
        this.answersJson = answersJson;
        this.respondedAt = now;
    }

    String id() {
        return id;
    }

    String invitationId() {
        return invitationId;
    }

    String surveyId() {
        return surveyId;
    }

    int revision() {
        return revision;
    }

    String customerId() {
        return customerId;
    }

    String ticketId() {
        return ticketId;
    }

    String answersJson() {
        return answersJson;
    }

    /** Replaces the customer's free-text answers (the given question keys) when the customer is erased. */
    void redact(Set<String> textKeys, String marker) {
        Map<String, Object> answers = Questions.answersOf(answersJson);
        textKeys.forEach(key -> answers.computeIfPresent(key, (k, v) -> marker));
        answersJson = Questions.toJson(answers);
    }

    Instant respondedAt() {
        return respondedAt;
    }
}
