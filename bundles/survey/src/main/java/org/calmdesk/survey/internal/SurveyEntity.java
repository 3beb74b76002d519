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

import org.calmdesk.survey.api.SurveyTrigger;

/** A survey template; its questions live in {@link SurveyRevisionEntity}, one row per revision. */
@Entity
@Table(name = "survey_template", indexes = @Index(name = "survey_template_trigger_ix", columnList = "survey_trigger,state"))
public class SurveyEntity {

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "survey_trigger", nullable = false, length = 20)
    private SurveyTrigger trigger;

    /** ACTIVE or INACTIVE (no boolean columns: EclipseLink 2.7 binds them as integers, which H2 2.x rejects). */
    @Column(nullable = false, length = 10)
    private String state;

    @Column(nullable = false)
    private int revision;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected SurveyEntity() {
    }

    SurveyEntity(String id, Instant now) {
        this.id = id;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void apply(String newName, SurveyTrigger newTrigger, boolean active, int newRevision, Instant now) {
        name = newName.trim();
        trigger = newTrigger;
        state = active ? "ACTIVE" : "INACTIVE";
        revision = newRevision;
        updatedAt = now;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    SurveyTrigger trigger() {
        return trigger;
    }

    boolean active() {
        return "ACTIVE".equals(state);
    }

    int revision() {
        return revision;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    long version() {
        return version;
    }
}
