package org.calmdesk.followup.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.calmdesk.core.Ids;
import org.calmdesk.followup.api.FollowUpChannel;
import org.calmdesk.survey.api.SurveyEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.events.EventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the survey loop where no ticket can be reopened: a dissatisfied answer without a ticket,
 * or a heated ticket whose survey the policy replaced by a call-back, schedules a call-back
 * follow-up (once per answer or per ticket, by origin key). Uses only the survey API's topic names.
 */
@Component(service = EventConsumer.class, property = {
        EventConsumer.NAME + "=followup.survey-callback-listener",
        EventConsumer.START + "=now",
        EventConsumer.TOPICS + "=" + SurveyEvents.DISSATISFIED,
        EventConsumer.TOPICS + "=" + SurveyEvents.CALLBACK_REQUESTED })
public class SurveyCallbackListener implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(SurveyCallbackListener.class);

    private static final Duration CALL_BACK_AFTER = Duration.ofHours(24);

    private final FollowUpStore store;
    private final FollowUpPublisher publisher;
    private final FollowUpSettings settings;
    private final Clock clock;

    @Activate
    public SurveyCallbackListener(@Reference FollowUpStore store, @Reference FollowUpSettings settings) {
        this(store, settings, Clock.systemUTC());
    }

    SurveyCallbackListener(FollowUpStore store, FollowUpSettings settings, Clock clock) {
        this.store = store;
        this.publisher = new FollowUpPublisher(store);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void consume(LoggedEvent event) {
        String customerId = (String) event.property(SurveyEvents.CUSTOMER_ID);
        String ticketId = (String) event.property(SurveyEvents.TICKET_ID);
        if (customerId == null) {
            return;
        }
        // A failure propagates: the relay retries this event (the call-back is created once per origin key).
        {
            if (SurveyEvents.DISSATISFIED.equals(event.topic())) {
                if (ticketId != null) {
                    return; // the ticket module reopens the ticket, whose next resolution brings its own follow-up
                }
                callBack(customerId, null, now().plus(CALL_BACK_AFTER),
                        "survey:" + event.property(SurveyEvents.INVITATION_ID),
                        "Call back: dissatisfied survey answer (" + event.property(SurveyEvents.SCORE_KIND) + " "
                                + event.property(SurveyEvents.SCORE) + ")");
            } else {
                Object dueAt = event.property(SurveyEvents.DUE_AT);
                callBack(customerId, ticketId, dueAt == null ? now().plus(CALL_BACK_AFTER)
                        : Instant.parse((String) dueAt), "callback:" + ticketId + ":" + event.property(SurveyEvents.INVITATION_ID),
                        "Call back instead of a survey: the complaint was heated");
            }
        }
    }

    /** A call-back by phone for the module's default assignee, once per origin key. */
    FollowUpStore.Created callBack(String customerId, String ticketId, Instant dueAt, String originKey, String purpose) {
        FollowUpPolicy policy = settings.policy();
        Instant now = now();
        return publisher.created(() -> store.insertOnce(originKey, null, now, () -> new FollowUpEntity(Ids.newId(), customerId,
                ticketId, dueAt.truncatedTo(ChronoUnit.MILLIS), FollowUpChannel.PHONE, purpose, policy.defaultAssignee(),
                null, null, null, 0, originKey, now)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
