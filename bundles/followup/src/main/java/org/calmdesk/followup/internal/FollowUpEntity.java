package org.calmdesk.followup.internal;

import java.time.Duration;
import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.Version;

import org.calmdesk.followup.api.FollowUp;
import org.calmdesk.followup.api.FollowUpChannel;
import org.calmdesk.followup.api.FollowUpStatus;
import org.calmdesk.followup.api.Outcome;

/**
 * A follow-up row. Fields change only through the methods below (woven change tracking). No
 * boolean columns (EclipseLink 2.7 binds them as integers, which H2 2.x rejects): the outcome is
 * SATISFIED or UNSATISFIED. The scheduler's OVERDUE and REMINDER sweeps are conditional bulk
 * updates that stamp a claim token, so each row is claimed by exactly one node.
 */
@Entity
@Table(name = "followup_followup", indexes = {
        @Index(name = "followup_status_due_ix", columnList = "status,due_at,id"),
        @Index(name = "followup_assignee_due_ix", columnList = "assignee,status,due_at,id"),
        @Index(name = "followup_customer_ix", columnList = "customer_id,created_at"),
        @Index(name = "followup_ticket_ix", columnList = "ticket_id"),
        @Index(name = "followup_overdue_claim_ix", columnList = "overdue_claim"),
        @Index(name = "followup_reminder_claim_ix", columnList = "reminder_claim"),
        @Index(name = "followup_origin_ix", columnList = "origin_key", unique = true) })
public class FollowUpEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "customer_id", nullable = false, length = 36)
    private String customerId;

    @Column(name = "ticket_id", length = 36)
    private String ticketId;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private FollowUpChannel channel;

    @Column(nullable = false, length = 1000)
    private String purpose;

    @Column(length = 100)
    private String assignee;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private FollowUpStatus status;

    @Column(name = "outcome_summary", length = 4000)
    private String outcomeSummary;

    /** SATISFIED or UNSATISFIED once done. */
    @Column(length = 12)
    private String outcome;

    @Column(name = "completed_at")
    private Instant completedAt;

    /** ON_TIME or LATE once done, judged with the grace in force at completion. */
    @Column(length = 8)
    private String punctuality;

    @Column(length = 20)
    private String recurrence;

    @Column(name = "series_id", length = 36)
    private String seriesId;

    @Column(name = "series_anchor")
    private Instant seriesAnchor;

    @Column(nullable = false)
    private int occurrence;

    @Column(name = "overdue_claim", length = 36)
    private String overdueClaim;

    @Column(name = "reminder_claim", length = 36)
    private String reminderClaim;

    /**
     * What created it, unique: {@code ticket:<id>:<reopenCount>} for the commitment of one
     * resolution, {@code series:<id>:<n>} for occurrence n of a series; null for a manual one.
     * A redelivered event or a second node therefore cannot create the same follow-up twice.
     */
    @Column(name = "origin_key", length = 100)
    private String originKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected FollowUpEntity() {
    }

    @SuppressWarnings("java:S107") // a follow-up is scheduled with all of its facts at once
    FollowUpEntity(String id, String customerId, String ticketId, Instant dueAt, FollowUpChannel channel, String purpose,
            String assignee, String recurrence, String seriesId, Instant seriesAnchor, int occurrence, String originKey,
            Instant now) {
        this.id = id;
        this.customerId = customerId;
        this.ticketId = blankToNull(ticketId);
        this.dueAt = dueAt;
        this.channel = channel;
        this.purpose = purpose.trim();
        this.assignee = blankToNull(assignee);
        this.status = FollowUpStatus.PENDING;
        this.recurrence = blankToNull(recurrence);
        this.seriesId = seriesId;
        this.seriesAnchor = seriesAnchor;
        this.occurrence = occurrence;
        this.originKey = originKey;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void complete(String summary, boolean satisfied, Duration grace, Instant now) {
        status = FollowUpStatus.DONE;
        outcomeSummary = summary.trim();
        outcome = satisfied ? "SATISFIED" : "UNSATISFIED";
        completedAt = now;
        punctuality = now.isAfter(dueAt.plus(grace)) ? "LATE" : "ON_TIME";
        updatedAt = now;
    }

    void cancel(Instant now) {
        status = FollowUpStatus.CANCELLED;
        updatedAt = now;
    }

    /** Takes out the customer's own words when the customer is erased; times and outcomes stay. */
    void redact(String marker) {
        purpose = marker;
        outcomeSummary = outcomeSummary == null ? null : marker;
    }

    /** Due again at a new time: PENDING, with a fresh reminder and overdue sweep. */
    void reschedule(Instant newDue, Instant now) {
        dueAt = newDue;
        status = FollowUpStatus.PENDING;
        overdueClaim = null;
        reminderClaim = null;
        updatedAt = now;
    }

    FollowUp toDto() {
        return new FollowUp(id, customerId, ticketId, dueAt, channel, purpose, assignee, status,
                outcome == null ? null : new Outcome(outcomeSummary, "SATISFIED".equals(outcome), completedAt),
                recurrence, seriesId, punctuality, createdAt, updatedAt, version);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    String id() {
        return id;
    }

    String customerId() {
        return customerId;
    }

    FollowUpStatus status() {
        return status;
    }

    Instant dueAt() {
        return dueAt;
    }

    String recurrence() {
        return recurrence;
    }

    String seriesId() {
        return seriesId;
    }

    Instant seriesAnchor() {
        return seriesAnchor;
    }

    int occurrence() {
        return occurrence;
    }

    FollowUpChannel channel() {
        return channel;
    }

    String purpose() {
        return purpose;
    }

    String assignee() {
        return assignee;
    }

    String ticketId() {
        return ticketId;
    }

    long version() {
        return version;
    }
}
