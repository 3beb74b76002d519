package org.calmdesk.survey.internal;

import org.calmdesk.core.events.EventConsumer;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.customer.api.CustomerEvents;
import org.calmdesk.customer.api.events.CustomerMerged;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a customer is merged into another, their survey invitations (sent and waiting) and answers
 * now belong to the target. From the beginning of the log, so a module installed after a merge
 * applies it too; moving again moves nothing, so a redelivered event changes nothing.
 */
@Component(service = EventConsumer.class, property = {
        EventConsumer.NAME + "=survey.customer-merge",
        EventConsumer.START + "=beginning",
        EventConsumer.REPLAY_AFTER + "=" + CustomerEvents.MERGE_REPLAY_SECONDS,
        EventConsumer.TOPICS + "=" + CustomerEvents.MERGED })
public class SurveyCustomerMerge implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(SurveyCustomerMerge.class);

    private final InvitationStore invitations;

    @Activate
    public SurveyCustomerMerge(@Reference InvitationStore invitations) {
        this.invitations = invitations;
    }

    @Override
    public void consume(LoggedEvent event) {
        CustomerMerged merged = event.as(CustomerMerged.class);
        if (merged.sourceId() != null && merged.targetId() != null) {
            int moved = invitations.moveCustomer(merged.sourceId(), merged.targetId());
            LOG.info("Customer {} merged into {}: {} survey invitations and their answers moved", merged.sourceId(),
                    merged.targetId(), moved);
        }
    }
}
