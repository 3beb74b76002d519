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
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a customer is erased, their open follow-ups are cancelled and the purpose and outcome texts
 * of all their follow-ups become {@value CustomerEvents#ERASED_TEXT} (see {@link FollowUpStore#forgetCustomer}).
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + CustomerEvents.ERASED)
public class FollowUpErasure implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpErasure.class);

    private final FollowUpStore store;
    private final FollowUpPublisher publisher;
    private final Clock clock;

    @Activate
    public FollowUpErasure(@Reference FollowUpStore store, @Reference EventAdmin events) {
        this(store, events, Clock.systemUTC());
    }

    FollowUpErasure(FollowUpStore store, EventAdmin events, Clock clock) {
        this.store = store;
        this.publisher = new FollowUpPublisher(events);
        this.clock = clock;
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(CustomerEvents.CUSTOMER_ID) instanceof String customerId) {
            Object actor = event.getProperty(CustomerEvents.ACTOR);
            List<FollowUp> cancelled = store.forgetCustomer(customerId, CustomerEvents.ERASED_TEXT,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            publisher.post(FollowUpEvents.CANCELLED, cancelled, actor instanceof String a ? a : "erasure");
            LOG.info("Customer {} erased: follow-up texts redacted, {} open follow-ups cancelled", customerId, cancelled.size());
        }
    }
}
