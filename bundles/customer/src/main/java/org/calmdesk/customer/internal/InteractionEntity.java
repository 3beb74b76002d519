package org.calmdesk.customer.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.customer.api.Direction;
import org.calmdesk.customer.api.Interaction;
import org.calmdesk.customer.api.InteractionChannel;

@Entity
@Table(name = "customer_interaction", indexes = @Index(name = "customer_interaction_customer_ix",
        columnList = "customer_id,occurred_at,id"))
public class InteractionEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "customer_id", nullable = false, length = 36)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private InteractionChannel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Direction direction;

    @Column(nullable = false, length = 4000)
    private String summary;

    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    private EmotionLabel emotion;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "recorded_by", length = 100)
    private String recordedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected InteractionEntity() {
    }

    InteractionEntity(String id, String customerId, InteractionChannel channel, Direction direction, String summary,
            EmotionLabel emotion, Instant occurredAt, String recordedBy, Instant createdAt) {
        this.id = id;
        this.customerId = customerId;
        this.channel = channel;
        this.direction = direction;
        this.summary = summary;
        this.emotion = emotion;
        this.occurredAt = occurredAt;
        this.recordedBy = recordedBy;
        this.createdAt = createdAt;
    }

    Interaction toDto() {
        return new Interaction(id, customerId, channel, direction, summary, emotion, occurredAt, recordedBy, createdAt);
    }

    String id() {
        return id;
    }

    Instant occurredAt() {
        return occurredAt;
    }
}
