package org.calmdesk.survey.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/** The questions of one revision of a template, as JSON; never changed once written, so old answers stay readable. */
@Entity
@Table(name = "survey_revision", indexes = @Index(name = "survey_revision_ix", columnList = "survey_id,revision", unique = true))
public class SurveyRevisionEntity {

    @Id
    @Column(length = 48)
    private String id;

    @Column(name = "survey_id", nullable = false, length = 36)
    private String surveyId;

    @Column(nullable = false)
    private int revision;

    @Column(name = "questions_json", nullable = false, length = 100_000)
    private String questionsJson;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SurveyRevisionEntity() {
    }

    SurveyRevisionEntity(String surveyId, int revision, String questionsJson, Instant now) {
        this.id = key(surveyId, revision);
        this.surveyId = surveyId;
        this.revision = revision;
        this.questionsJson = questionsJson;
        this.createdAt = now;
    }

    static String key(String surveyId, int revision) {
        return surveyId + ":" + revision;
    }

    String questionsJson() {
        return questionsJson;
    }
}
