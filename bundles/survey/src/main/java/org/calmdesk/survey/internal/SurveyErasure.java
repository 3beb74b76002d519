package org.calmdesk.survey.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.calmdesk.customer.api.CustomerEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.events.EventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a customer is erased, their open invitations expire, waiting ones are dropped and their
 * free-text answers become {@value CustomerEvents#ERASED_TEXT} (see {@link InvitationStore#forgetCustomer}).
 */
@Component(service = EventConsumer.class, property = {
        EventConsumer.NAME + "=survey.erasure",
        EventConsumer.TOPICS + "=" + CustomerEvents.ERASED })
public class SurveyErasure implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(SurveyErasure.class);

    private final InvitationStore invitations;
    private final Clock clock;

    @Activate
    public SurveyErasure(@Reference InvitationStore invitations) {
        this(invitations, Clock.systemUTC());
    }

    SurveyErasure(InvitationStore invitations, Clock clock) {
        this.invitations = invitations;
        this.clock = clock;
    }

    @Override
    public void consume(LoggedEvent event) {
        if (event.property(CustomerEvents.CUSTOMER_ID) instanceof String customerId) {
            int answers = invitations.forgetCustomer(customerId, CustomerEvents.ERASED_TEXT,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            LOG.info("Customer {} erased: invitations closed, free text of {} survey answers redacted", customerId, answers);
        }
    }
}
