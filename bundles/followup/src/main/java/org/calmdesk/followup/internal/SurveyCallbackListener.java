package org.calmdesk.followup.internal;

import java.time.Instant;

import org.calmdesk.survey.api.SurveyEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the survey loop where no ticket can be reopened: a dissatisfied answer without a ticket,
 * or a heated ticket whose survey the policy replaced by a call-back, schedules a call-back
 * follow-up (once per answer or per ticket, by origin key). Uses only the survey API's topic names.
 */
@Component(service = EventHandler.class, property = {
        EventConstants.EVENT_TOPIC + "=" + SurveyEvents.DISSATISFIED,
        EventConstants.EVENT_TOPIC + "=" + SurveyEvents.CALLBACK_REQUESTED })
public class SurveyCallbackListener implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SurveyCallbackListener.class);

    private final JpaFollowUpService followUps;

    @Activate
    public SurveyCallbackListener(@Reference JpaFollowUpService followUps) {
        this.followUps = followUps;
    }

    @Override
    public void handleEvent(Event event) {
        String customerId = (String) event.getProperty(SurveyEvents.CUSTOMER_ID);
        String ticketId = (String) event.getProperty(SurveyEvents.TICKET_ID);
        if (customerId == null) {
            return;
        }
        try {
            if (SurveyEvents.DISSATISFIED.equals(event.getTopic())) {
                if (ticketId != null) {
                    return; // the ticket module reopens the ticket, whose next resolution brings its own follow-up
                }
                followUps.callBack(customerId, null, followUps.now().plusSeconds(24 * 3600),
                        "survey:" + event.getProperty(SurveyEvents.INVITATION_ID),
                        "Call back: dissatisfied survey answer (" + event.getProperty(SurveyEvents.SCORE_KIND) + " "
                                + event.getProperty(SurveyEvents.SCORE) + ")");
            } else {
                Object dueAt = event.getProperty(SurveyEvents.DUE_AT);
                followUps.callBack(customerId, ticketId, dueAt == null ? followUps.now().plusSeconds(24 * 3600)
                        : Instant.parse((String) dueAt), "callback:" + ticketId + ":" + event.getProperty(SurveyEvents.INVITATION_ID),
                        "Call back instead of a survey: the complaint was heated");
            }
        } catch (RuntimeException e) {
            LOG.error("Could not schedule the call-back asked by {} for customer {}: {}", event.getTopic(), customerId, e.toString());
        }
    }
}
