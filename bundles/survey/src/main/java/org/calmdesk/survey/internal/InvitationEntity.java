package org.calmdesk.survey.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.Version;

import org.calmdesk.survey.api.Invitation;
import org.calmdesk.survey.api.InvitationChannel;
import org.calmdesk.survey.api.InvitationStatus;

/**
 * An invitation. The stored status is SENT or RESPONDED; EXPIRED is SENT past {@code expiresAt}
 * and is derived when read, so no job has to flip it on time. The ticket's category and opening
 * negativity are kept for the report.
 */
@Entity
@Table(name = "survey_invitation", indexes = {
        @Index(name = "survey_invitation_token_ix", columnList = "token", unique = true),
        @Index(name = "survey_invitation_survey_ix", columnList = "survey_id,sent_at"),
        @Index(name = "survey_invitation_customer_ix", columnList = "customer_id"),
        @Index(name = "survey_invitation_ticket_ix", columnList = "ticket_id"),
        @Index(name = "survey_invitation_origin_ix", columnList = "origin_key", unique = true) })
public class InvitationEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "survey_id", nullable = false, length = 36)
    private String surveyId;

    @Column(nullable = false)
    private int revision;

    @Column(name = "customer_id", nullable = false, length = 36)
    private String customerId;

    @Column(name = "ticket_id", length = 36)
    private String ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private InvitationChannel channel;

    @Column(nullable = false, length = 64)
    private String token;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private InvitationStatus status;

    @Column(name = "sent_at", nullable = false)
    private Instant sentAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "responded_at")
    private Instant respondedAt;

    @Column(name = "ticket_category", length = 30)
    private String ticketCategory;

    @Column(name = "ticket_negativity")
    private Integer ticketNegativity;

    /** {@code ticket:<id>:<reopenCount>:<surveyId>} for the invitation of one resolution; null when sent by hand. */
    @Column(name = "origin_key", length = 130)
    private String originKey;

    @Version
    private long version;

    protected InvitationEntity() {
    }

    @SuppressWarnings("java:S107") // an invitation is made with all of its facts at once
    InvitationEntity(String id, String surveyId, int revision, String customerId, String ticketId, InvitationChannel channel,
            String token, Instant sentAt, Instant expiresAt, String ticketCategory, Integer ticketNegativity, String originKey) {
        this.id = id;
        this.surveyId = surveyId;
        this.revision = revision;
        this.customerId = customerId;
        this.ticketId = ticketId == null || ticketId.isBlank() ? null : ticketId.trim();
        this.channel = channel;
        this.token = token;
        this.status = InvitationStatus.SENT;
        this.sentAt = sentAt;
        this.expiresAt = expiresAt;
        this.ticketCategory = ticketCategory;
        this.ticketNegativity = ticketNegativity;
        this.originKey = originKey;
    }

    void responded(Instant now) {
        status = InvitationStatus.RESPONDED;
        respondedAt = now;
    }

    InvitationStatus status(Instant now) {
        return status == InvitationStatus.SENT && now.isAfter(expiresAt) ? InvitationStatus.EXPIRED : status;
    }

    Invitation toDto(Instant now) {
        return new Invitation(id, surveyId, revision, customerId, ticketId, channel, token, status(now), sentAt, expiresAt,
                respondedAt);
    }

    String id() {
        return id;
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

    String ticketCategory() {
        return ticketCategory;
    }

    Integer ticketNegativity() {
        return ticketNegativity;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Instant sentAt() {
        return sentAt;
    }
}
