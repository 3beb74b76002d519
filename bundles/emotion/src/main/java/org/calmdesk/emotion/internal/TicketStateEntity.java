package org.calmdesk.emotion.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/** What the emotion module keeps of a ticket from the ticket events: its reading, current assignee, whether it is open. */
@Entity
@Table(name = "emotion_ticket", indexes = @Index(name = "emotion_ticket_assignee_ix", columnList = "assignee,done_at"))
public class TicketStateEntity {

    @Id
    @Column(name = "ticket_id", length = 36)
    private String ticketId;

    @Column(name = "customer_id", nullable = false, length = 36)
    private String customerId;

    @Column(length = 100)
    private String assignee;

    @Column(nullable = false, length = 20)
    private String label;

    @Column(nullable = false)
    private double intensity;

    @Column(nullable = false)
    private int negativity;

    @Column(nullable = false)
    private int abuse;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    /** When it was RESOLVED or CLOSED; null while open (a reopening clears it). */
    @Column(name = "done_at")
    private Instant doneAt;

    protected TicketStateEntity() {
    }

    TicketStateEntity(TicketFacts facts) {
        this.ticketId = facts.ticketId();
        this.customerId = facts.customerId();
        this.label = facts.label().name();
        this.intensity = facts.intensity();
        this.negativity = facts.negativity();
        this.abuse = facts.abusive() ? 1 : 0;
        this.openedAt = facts.at();
    }

    String ticketId() {
        return ticketId;
    }

    String customerId() {
        return customerId;
    }

    String assignee() {
        return assignee;
    }

    void assignee(String value) {
        assignee = value;
    }

    boolean abusive() {
        return abuse == 1;
    }

    int negativity() {
        return negativity;
    }

    void done(Instant at) {
        doneAt = at;
    }

    void reopened() {
        doneAt = null;
    }
}
