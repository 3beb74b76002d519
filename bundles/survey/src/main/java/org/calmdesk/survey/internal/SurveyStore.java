package org.calmdesk.survey.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;

import org.calmdesk.core.Ids;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.StaleVersionException;
import org.calmdesk.core.persistence.Transactions;
import org.calmdesk.survey.api.Question;
import org.calmdesk.survey.api.Survey;
import org.calmdesk.survey.api.SurveyForm;
import org.calmdesk.survey.api.SurveyReport;
import org.calmdesk.survey.api.SurveyTrigger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The survey templates and their question revisions in the {@code calmdesk.survey} unit, and the
 * reports over their answers. A change of the questions makes a new revision; invitations keep
 * the revision they were sent with. Shared by the service and the ticket inviter (a service of the
 * bundle's internal package only).
 */
@Component(service = SurveyStore.class)
public class SurveyStore {

    private final Transactions tx;
    private final SurveyReports reports;

    @Activate
    public SurveyStore(@Reference(target = "(osgi.unit.name=calmdesk.survey)") EntityManagerFactory emf) {
        this.tx = new Transactions(emf);
        this.reports = new SurveyReports(tx);
    }

    /**
     * Runs {@code work} as one transaction of this unit: the store's writes it makes join it, and
     * so do the events it appends ({@link org.calmdesk.core.events.EventLog#append}); retried whole
     * when it lost a race.
     */
    <T> T atomically(java.util.function.Supplier<T> work) {
        return tx.inTransaction(em -> work.get());
    }

    /** The template fields a create or an update sets; {@code questionsJson} is the canonical form of {@code questions}. */
    record Template(String name, SurveyTrigger trigger, boolean active, List<Question> questions, String questionsJson) {
    }

    Survey insert(Template template, Instant now) {
        return tx.inTransaction(em -> {
            SurveyEntity survey = new SurveyEntity(Ids.newId(), now);
            survey.apply(template.name(), template.trigger(), template.active(), 1, now);
            em.persist(survey);
            em.persist(new SurveyRevisionEntity(survey.id(), 1, template.questionsJson(), now));
            em.flush();
            return toDto(survey, template.questions());
        });
    }

    /** Updates a template under its row lock; new questions make a new revision, a new name alone does not. */
    Survey update(String id, Long expectedVersion, Template template, Instant now) {
        return tx.inTransaction(em -> {
            SurveyEntity survey = em.find(SurveyEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (survey == null) {
                throw new NotFoundException("Survey", id);
            }
            if (expectedVersion != null && expectedVersion != survey.version()) {
                throw new StaleVersionException(expectedVersion, survey.version());
            }
            boolean questionsChanged = !template.questionsJson().equals(em.find(SurveyRevisionEntity.class,
                    SurveyRevisionEntity.key(id, survey.revision())).questionsJson());
            int revision = questionsChanged ? survey.revision() + 1 : survey.revision();
            if (questionsChanged) {
                em.persist(new SurveyRevisionEntity(id, revision, template.questionsJson(), now));
            }
            survey.apply(template.name(), template.trigger(), template.active(), revision, now);
            em.flush();
            return toDto(survey, template.questions());
        });
    }

    Optional<Survey> find(String id) {
        return tx.read(em -> Optional.ofNullable(em.find(SurveyEntity.class, id)).map(s -> toDto(s, questions(em, s.id(), s.revision()))));
    }

    List<Survey> list() {
        return tx.read(em -> em.createQuery("SELECT s FROM SurveyEntity s ORDER BY s.id", SurveyEntity.class).getResultStream()
                .map(s -> toDto(s, questions(em, s.id(), s.revision()))).toList());
    }

    /** The questions of one revision of a template. */
    List<Question> questions(String surveyId, int revision) {
        return tx.read(em -> questions(em, surveyId, revision));
    }

    /** What the customer sees for an invitation: the template's name and the questions of the invitation's revision. */
    SurveyForm form(String surveyId, int revision, Instant expiresAt) {
        return tx.read(em -> new SurveyForm(em.find(SurveyEntity.class, surveyId).name(), questions(em, surveyId, revision),
                expiresAt));
    }

    /** The ids of the active templates a trigger sends, in id order. */
    List<String> activeIds(SurveyTrigger trigger) {
        return tx.read(em -> em.createQuery("SELECT s.id FROM SurveyEntity s WHERE s.trigger = :trigger"
                + " AND s.state = 'ACTIVE' ORDER BY s.id", String.class).setParameter("trigger", trigger).getResultList());
    }

    SurveyReport report(String surveyId, Instant from, Instant to) {
        return reports.report(surveyId, from, to);
    }

    /** Days of answers and of invitations sealed into the report's roll-ups by one {@link #sealReportDays} call. */
    record Sealed(int answerDays, int invitationDays) {
    }

    /** Seals into the report's day roll-ups every day that can no longer change ({@link ReportDays}), invitations first. */
    Sealed sealReportDays(Instant now) {
        int invitationDays = ReportDays.sealInvitations(tx, now);
        return new Sealed(ReportDays.sealAnswers(tx, now), invitationDays);
    }

    private static List<Question> questions(EntityManager em, String surveyId, int revision) {
        return Questions.questionsOf(em.find(SurveyRevisionEntity.class, SurveyRevisionEntity.key(surveyId, revision)).questionsJson());
    }

    private static Survey toDto(SurveyEntity s, List<Question> questions) {
        return new Survey(s.id(), s.name(), s.trigger(), s.active(), questions, s.revision(), s.createdAt(), s.updatedAt(), s.version());
    }
}
