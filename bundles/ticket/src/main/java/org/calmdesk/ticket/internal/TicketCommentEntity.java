package org.calmdesk.ticket.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

import org.calmdesk.ticket.api.Comment;

@Entity
@Table(name = "ticket_comment", indexes = @Index(name = "ticket_comment_ticket_ix", columnList = "ticket_id,id"))
public class TicketCommentEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "ticket_id", nullable = false, length = 36)
    private String ticketId;

    @Column(nullable = false, length = 10_000)
    private String body;

    /** "INTERNAL" or "PUBLIC" (no boolean columns, see TicketEntity). */
    @Column(nullable = false, length = 10)
    private String visibility;

    @Column(nullable = false, length = 100)
    private String author;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected TicketCommentEntity() {
    }

    TicketCommentEntity(String id, String ticketId, String body, boolean internal, String author, Instant createdAt) {
        this.id = id;
        this.ticketId = ticketId;
        this.body = body.trim();
        this.visibility = internal ? "INTERNAL" : "PUBLIC";
        this.author = author;
        this.createdAt = createdAt;
    }

    Comment toDto() {
        return new Comment(id, ticketId, body, "INTERNAL".equals(visibility), author, createdAt);
    }
}
