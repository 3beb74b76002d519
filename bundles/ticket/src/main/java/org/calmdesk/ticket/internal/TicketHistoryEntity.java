package org.calmdesk.ticket.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

import org.calmdesk.ticket.api.HistoryEntry;

/** One recorded change of a ticket; the customer id is kept too, for the customer timeline. */
@Entity
@Table(name = "ticket_history", indexes = {
        @Index(name = "ticket_history_ticket_ix", columnList = "ticket_id,id"),
        @Index(name = "ticket_history_customer_ix", columnList = "customer_id,at") })
public class TicketHistoryEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "ticket_id", nullable = false, length = 36)
    private String ticketId;

    @Column(name = "customer_id", nullable = false, length = 36)
    private String customerId;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false, length = 100)
    private String actor;

    @Column(nullable = false, length = 20)
    private String action;

    @Column(name = "from_value", length = 100)
    private String fromValue;

    @Column(name = "to_value", length = 100)
    private String toValue;

    @Column(length = 4000)
    private String note;

    protected TicketHistoryEntity() {
    }

    TicketHistoryEntity(String id, String ticketId, String customerId, Instant at, String actor, String action,
            String fromValue, String toValue, String note) {
        this.id = id;
        this.ticketId = ticketId;
        this.customerId = customerId;
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.fromValue = fromValue;
        this.toValue = toValue;
        this.note = note == null || note.isBlank() ? null
                : note.length() > 4000 ? note.substring(0, 4000) : note.trim();
    }

    HistoryEntry toDto() {
        return new HistoryEntry(at, actor, action, fromValue, toValue, note);
    }

    String id() {
        return id;
    }

    String ticketId() {
        return ticketId;
    }

    Instant at() {
        return at;
    }

    String action() {
        return action;
    }

    String fromValue() {
        return fromValue;
    }

    String toValue() {
        return toValue;
    }
}
