package org.calmdesk.survey.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;

/**
 * Feedback surveys. Methods validate their input and throw the platform's domain exceptions;
 * {@code actor} is the authenticated user or a module name.
 */
public interface SurveyService {

    Survey create(SurveyDraft draft, String actor);

    Optional<Survey> find(String id);

    List<Survey> list();

    /** Replaces the template; changed questions make a new revision (old answers keep theirs). */
    Survey update(String id, SurveyDraft draft, Long expectedVersion, String actor);

    Invitation invite(String surveyId, InvitationDraft draft, String actor);

    Page<Invitation> invitations(String surveyId, InvitationQuery query, PageRequest page);

    /** The questions behind a token: 404 unknown, 410 expired, 409 already answered. */
    SurveyForm form(String token);

    /** One answer per token: 404 unknown, 410 expired, 409 already answered, 400 missing or out-of-range answers. */
    SurveyAnswer answer(String token, Map<String, Object> answers);

    SurveyReport report(String surveyId, Instant from, Instant to);
}
