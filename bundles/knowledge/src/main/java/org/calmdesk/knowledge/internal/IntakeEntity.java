package org.calmdesk.knowledge.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * One ticket resolution the library has taken in (drafted or counted). Its key makes a redelivered
 * RESOLVED event a no-op: a second insert of the same key fails on the primary key, the retry then
 * finds this row.
 */
@Entity
@Table(name = "knowledge_ticket_intake")
public class IntakeEntity {

    @Id
    @Column(name = "intake_key", length = 120)
    private String key;

    @Column(name = "ticket_id", nullable = false, length = 64)
    private String ticketId;

    @Column(name = "article_id", nullable = false, length = 36)
    private String articleId;

    @Column(nullable = false, length = 16)
    private String result;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected IntakeEntity() {
    }

    IntakeEntity(String key, String ticketId, String articleId, String result, Instant createdAt) {
        this.key = key;
        this.ticketId = ticketId;
        this.articleId = articleId;
        this.result = result;
        this.createdAt = createdAt;
    }

    String articleId() {
        return articleId;
    }
}
