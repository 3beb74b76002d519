package org.calmdesk.emotion.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/** An agent took on a ticket: the unit exposure counts, cool-downs and clashes are made of. */
@Entity
@Table(name = "emotion_handling", indexes = {
        @Index(name = "emotion_handling_assignee_ix", columnList = "assignee,at"),
        @Index(name = "emotion_handling_customer_ix", columnList = "customer_id") })
public class HandlingEntity {

    /** {@code <ticketId>|<assignee>}: a ticket counts once per agent, however often it comes back to them. */
    @Id
    @Column(length = 140)
    private String id;

    @Column(name = "ticket_id", nullable = false, length = 36)
    private String ticketId;

    @Column(name = "customer_id", nullable = false, length = 36)
    private String customerId;

    @Column(nullable = false, length = 100)
    private String assignee;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false)
    private int hostile;

    /** 1 when the ticket carried ABUSE (no boolean columns: EclipseLink 2.7 binds them as integers). */
    @Column(nullable = false)
    private int abuse;

    /** When the customer reopened the ticket while this agent had it. */
    @Column(name = "reopened_at")
    private Instant reopenedAt;

    protected HandlingEntity() {
    }

    HandlingEntity(TicketStateEntity ticket, String assignee, Instant at, boolean hostile) {
        this.id = idOf(ticket.ticketId(), assignee);
        this.ticketId = ticket.ticketId();
        this.customerId = ticket.customerId();
        this.assignee = assignee;
        this.at = at;
        this.hostile = hostile ? 1 : 0;
        this.abuse = ticket.abusive() ? 1 : 0;
    }

    static String idOf(String ticketId, String assignee) {
        return ticketId + "|" + assignee;
    }

    void reopened(Instant when) {
        reopenedAt = when;
    }
}
