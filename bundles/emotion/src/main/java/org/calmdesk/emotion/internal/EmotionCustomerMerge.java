package org.calmdesk.emotion.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.calmdesk.core.error.CalmdeskException;
import org.calmdesk.core.events.EventConsumer;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.customer.api.CustomerEvents;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.api.events.CustomerMerged;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a customer is merged into another, the evidence of their emotional profile, their ticket
 * handling (the clashes with agents) and ticket states move to the target in one transaction, and
 * the target's temperament and negativity are recomputed from the joined evidence. From the
 * beginning of the log, so a module installed after a merge applies it too; a redelivered event
 * moves nothing more and recomputes the same profile (which writes nothing).
 */
@Component(service = EventConsumer.class, property = {
        EventConsumer.NAME + "=emotion.customer-merge",
        EventConsumer.START + "=beginning",
        EventConsumer.REPLAY_AFTER + "=" + CustomerEvents.MERGE_REPLAY_SECONDS,
        EventConsumer.TOPICS + "=" + CustomerEvents.MERGED })
public class EmotionCustomerMerge implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(EmotionCustomerMerge.class);

    private final ProfileStore profiles;
    private final ExposureStore exposure;
    private final CustomerService customers;
    private final EmotionSettings settings;
    private final Clock clock;

    @Activate
    public EmotionCustomerMerge(@Reference ProfileStore profiles, @Reference ExposureStore exposure,
            @Reference CustomerService customers, @Reference EmotionSettings settings) {
        this(profiles, exposure, customers, settings, Clock.systemUTC());
    }

    EmotionCustomerMerge(ProfileStore profiles, ExposureStore exposure, CustomerService customers, EmotionSettings settings,
            Clock clock) {
        this.profiles = profiles;
        this.exposure = exposure;
        this.customers = customers;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void consume(LoggedEvent event) {
        CustomerMerged merged = event.as(CustomerMerged.class);
        String source = merged.sourceId();
        String target = merged.targetId();
        if (source == null || target == null) {
            return;
        }
        int evidence = profiles.atomically(() -> {
            exposure.moveCustomer(source, target);
            return profiles.moveCustomer(source, target);
        });
        ProfileRule.Profile profile = refresh(target);
        LOG.info("Customer {} merged into {}: {} pieces of evidence moved; negativity {}, temperament {}", source, target,
                evidence, profile.negativity(), profile.temperament());
    }

    /** The target's profile from the joined evidence, written back to the customer module. */
    ProfileRule.Profile refresh(String customerId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        EmotionPolicy policy = settings.policy();
        ProfileRule.Profile profile = profiles.profile(customerId, now, policy.profileWindow(), policy.profileHalfLife());
        try {
            customers.updateEmotionalProfile(customerId, profile.negativity(), profile.temperament(), profile.fingerprint(),
                    CustomerProfiler.ACTOR);
        } catch (CalmdeskException e) {
            LOG.info("Customer {} not profiled after a merge: {}", customerId, e.getMessage());
        }
        return profile;
    }
}
