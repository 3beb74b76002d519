package org.calmdesk.survey.internal;

import org.calmdesk.ticket.api.TicketEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 客户反馈机制: every resolved ticket invites its customer to the active TICKET_RESOLVED surveys (once per resolution). */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + TicketEvents.RESOLVED)
public class TicketResolvedInviter implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TicketResolvedInviter.class);

    private final JpaSurveyService surveys;

    @Activate
    public TicketResolvedInviter(@Reference JpaSurveyService surveys) {
        this.surveys = surveys;
    }

    @Override
    public void handleEvent(Event event) {
        String ticketId = (String) event.getProperty(TicketEvents.TICKET_ID);
        String customerId = (String) event.getProperty(TicketEvents.CUSTOMER_ID);
        if (ticketId == null || customerId == null) {
            return;
        }
        Object reopenCount = event.getProperty(TicketEvents.REOPEN_COUNT);
        Object negativity = event.getProperty(TicketEvents.NEGATIVITY);
        try {
            surveys.inviteForResolvedTicket(new JpaSurveyService.ResolvedTicket(ticketId, customerId,
                    reopenCount instanceof Number n ? n.intValue() : 0, (String) event.getProperty(TicketEvents.CATEGORY),
                    (String) event.getProperty(TicketEvents.CHANNEL), negativity instanceof Number n ? n.intValue() : null));
        } catch (RuntimeException e) {
            LOG.error("Could not invite the customer of resolved ticket {}: {}", event.getProperty(TicketEvents.NUMBER), e.toString());
        }
    }
}
