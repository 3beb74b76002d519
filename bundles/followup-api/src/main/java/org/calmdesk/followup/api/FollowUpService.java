package org.calmdesk.followup.api;

import java.time.Instant;
import java.util.Optional;

import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;

/**
 * Follow-ups. Methods validate their input and throw the platform's domain exceptions;
 * {@code actor} is the authenticated user or a module name, kept for the record.
 */
public interface FollowUpService {

    FollowUp create(FollowUpDraft draft, String actor);

    Optional<FollowUp> find(String id);

    /** Soonest due first, by keyset. */
    Page<FollowUp> list(FollowUpQuery query, PageRequest page);

    /** PENDING or OVERDUE to DONE; a recurring follow-up then schedules its next occurrence. */
    FollowUp complete(String id, Completion completion, String actor);

    /** PENDING or OVERDUE to CANCELLED; a recurring series stops. */
    FollowUp cancel(String id, String actor);

    /** A new due time for an open follow-up; it is PENDING again. */
    FollowUp reschedule(String id, Instant dueAt, String actor);

    FollowUpStats stats(Instant from, Instant to);
}
