package org.calmdesk.followup.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.calmdesk.customer.api.CustomerEvents;
import org.calmdesk.followup.api.FollowUp;
import org.calmdesk.followup.api.FollowUpEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.events.EventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a customer is erased, their open follow-ups are cancelled and the purpose and outcome texts
 * of all their follow-ups become {@value CustomerEvents#ERASED_TEXT} (see {@link FollowUpStore#forgetCustomer}).
 */
@Component(service = EventConsumer.class, property = {
        EventConsumer.NAME + "=followup.erasure",
        EventConsumer.TOPICS + "=" + CustomerEvents.ERASED })
public class FollowUpErasure implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpErasure.class);

    private final FollowUpStore store;
    private final FollowUpPublisher publisher;
    private final Clock clock;

    @Activate
    public FollowUpErasure(@Reference FollowUpStore store) {
        this(store, Clock.systemUTC());
    }

    FollowUpErasure(FollowUpStore store, Clock clock) {
        this.store = store;
        this.publisher = new FollowUpPublisher(store);
        this.clock = clock;
    }

    @Override
    public void consume(LoggedEvent event) {
        if (event.property(CustomerEvents.CUSTOMER_ID) instanceof String customerId) {
            Object actor = event.property(CustomerEvents.ACTOR);
            List<FollowUp> cancelled = publisher.each(FollowUpEvents.CANCELLED, () -> store.forgetCustomer(customerId,
                    CustomerEvents.ERASED_TEXT, clock.instant().truncatedTo(ChronoUnit.MILLIS)), actor instanceof String a ? a : "erasure");
            LOG.info("Customer {} erased: follow-up texts redacted, {} open follow-ups cancelled", customerId, cancelled.size());
        }
    }
}
