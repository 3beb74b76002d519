package org.calmdesk.survey.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

import org.calmdesk.survey.api.InvitationChannel;

/**
 * An invitation the heated-ticket policy delayed: sent by the scheduler once {@code dueAt} has
 * passed. The scheduler claims due rows with a conditional update, so one node sends each.
 */
@Entity
@Table(name = "survey_deferred", indexes = {
        @Index(name = "survey_deferred_due_ix", columnList = "claim,due_at"),
        @Index(name = "survey_deferred_origin_ix", columnList = "origin_key", unique = true) })
public class DeferredInvitationEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "survey_id", nullable = false, length = 36)
    private String surveyId;

    @Column(name = "customer_id", nullable = false, length = 36)
    private String customerId;

    @Column(name = "ticket_id", nullable = false, length = 36)
    private String ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private InvitationChannel channel;

    @Column(name = "ticket_category", length = 30)
    private String ticketCategory;

    @Column(name = "ticket_negativity")
    private Integer ticketNegativity;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Column(name = "origin_key", nullable = false, length = 130)
    private String originKey;

    /** The claim token of the node that sent it; null while waiting. */
    @Column(length = 36)
    private String claim;

    protected DeferredInvitationEntity() {
    }

    @SuppressWarnings("java:S107")
    DeferredInvitationEntity(String id, String surveyId, String customerId, String ticketId, InvitationChannel channel,
            String ticketCategory, Integer ticketNegativity, Instant dueAt, String originKey) {
        this.id = id;
        this.surveyId = surveyId;
        this.customerId = customerId;
        this.ticketId = ticketId;
        this.channel = channel;
        this.ticketCategory = ticketCategory;
        this.ticketNegativity = ticketNegativity;
        this.dueAt = dueAt;
        this.originKey = originKey;
    }

    String surveyId() {
        return surveyId;
    }

    String customerId() {
        return customerId;
    }

    String ticketId() {
        return ticketId;
    }

    InvitationChannel channel() {
        return channel;
    }

    String ticketCategory() {
        return ticketCategory;
    }

    Integer ticketNegativity() {
        return ticketNegativity;
    }

    String originKey() {
        return originKey;
    }
}
