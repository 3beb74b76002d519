package org.calmdesk.emotion.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/** One agent's day: how many tickets they took on, how many of them hostile, and when the threshold was crossed. */
@Entity
@Table(name = "emotion_exposure", indexes = @Index(name = "emotion_exposure_day_ix", columnList = "work_day,assignee"))
public class ExposureEntity {

    /** {@code <day>|<assignee>}: one row per agent and day, so concurrent first tickets collide on the key and retry. */
    @Id
    @Column(length = 120)
    private String id;

    @Column(nullable = false, length = 100)
    private String assignee;

    /** ISO date in the configured zone ("day" is reserved in H2). */
    @Column(name = "work_day", nullable = false, length = 10)
    private String day;

    @Column(nullable = false)
    private int hostile;

    @Column(nullable = false)
    private int total;

    /** When hostile first reached the threshold; set once, so the event is posted once. */
    @Column(name = "crossed_at")
    private Instant crossedAt;

    protected ExposureEntity() {
    }

    ExposureEntity(String day, String assignee) {
        this.id = idOf(day, assignee);
        this.day = day;
        this.assignee = assignee;
    }

    static String idOf(String day, String assignee) {
        return day + "|" + assignee;
    }

    void count(boolean isHostile) {
        total++;
        if (isHostile) {
            hostile++;
        }
    }

    /** Marks the crossing when hostile has reached the threshold for the first time today. */
    boolean crossIfDue(int threshold, Instant now) {
        if (crossedAt == null && hostile >= threshold) {
            crossedAt = now;
            return true;
        }
        return false;
    }

    String assignee() {
        return assignee;
    }

    String day() {
        return day;
    }

    int hostile() {
        return hostile;
    }

    int total() {
        return total;
    }
}
