package org.calmdesk.emotion.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;


import org.calmdesk.core.EmotionLabel;
import org.calmdesk.core.error.CalmdeskException;
import org.calmdesk.customer.api.CustomerEvents;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.api.Interaction;
import org.calmdesk.emotion.api.EmotionAnalysis;
import org.calmdesk.emotion.api.EmotionAnalyzer;
import org.calmdesk.emotion.api.Signal;
import org.calmdesk.ticket.api.TicketEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.events.EventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each customer's emotional profile current from the events: every ticket opened and every
 * interaction recorded is evidence (a reopened ticket too); after new evidence the profile is
 * recomputed by {@link ProfileRule} and written back through
 * {@link CustomerService#updateEmotionalProfile}. Works without the ticket module (interactions
 * alone); an erased customer's evidence is dropped.
 */
@Component(service = EventConsumer.class, property = {
        EventConsumer.NAME + "=emotion.customer-profiler",
        EventConsumer.START + "=now",
        EventConsumer.TOPICS + "=" + TicketEvents.CREATED,
        EventConsumer.TOPICS + "=" + TicketEvents.REOPENED,
        EventConsumer.TOPICS + "=" + CustomerEvents.INTERACTION_RECORDED,
        EventConsumer.TOPICS + "=" + CustomerEvents.ERASED })
public class CustomerProfiler implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerProfiler.class);
    static final String ACTOR = "emotion";

    private final ProfileStore store;
    private final CustomerService customers;
    private final EmotionSettings settings;
    private final DefaultEmotionAnalyzer fallback;
    private final Clock clock;

    /** The highest-ranked analyzer reads interaction summaries (the default one when no client analyzer runs). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EmotionAnalyzer analyzer;

    @Activate
    public CustomerProfiler(@Reference ProfileStore store, @Reference CustomerService customers,
            @Reference EmotionSettings settings, @Reference DefaultEmotionAnalyzer fallback) {
        this(store, customers, settings, fallback, Clock.systemUTC());
    }

    CustomerProfiler(ProfileStore store, CustomerService customers, EmotionSettings settings, DefaultEmotionAnalyzer fallback,
            Clock clock) {
        this.store = store;
        this.customers = customers;
        this.settings = settings;
        this.fallback = fallback;
        this.clock = clock;
    }

    @Override
    public void consume(LoggedEvent event) {
        // A failure propagates: the relay retries the event, and parks it after its attempts run out.
        handle(event.topic(), properties(event));
    }

    void handle(String topic, Map<String, Object> props) {
        Object customer = props.get(CustomerEvents.CUSTOMER_ID);
        if (!(customer instanceof String customerId)) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ProfileRule.Evidence evidence = switch (topic) {
            case TicketEvents.CREATED -> ticketEvidence(props, now);
            case TicketEvents.REOPENED -> reopenEvidence(props, now);
            case CustomerEvents.INTERACTION_RECORDED -> interactionEvidence(customerId, props).orElse(null);
            case CustomerEvents.ERASED -> {
                store.forget(customerId);
                yield null;
            }
            default -> null;
        };
        if (evidence != null && store.record(customerId, evidence)) {
            refresh(customerId, now);
        }
    }

    /** Recomputes the profile and writes it back; returns it. */
    ProfileRule.Profile refresh(String customerId, Instant now) {
        EmotionPolicy policy = settings.policy();
        ProfileRule.Profile profile = store.profile(customerId, now, policy.profileWindow(), policy.profileHalfLife());
        try {
            customers.updateEmotionalProfile(customerId, profile.negativity(), profile.temperament(), profile.fingerprint(), ACTOR);
            LOG.debug("Customer {}: negativity {}, temperament {} ({})", customerId, profile.negativity(),
                    profile.temperament(), profile.reason());
        } catch (CalmdeskException e) {
            LOG.info("Customer {} not profiled: {}", customerId, e.getMessage());
        }
        return profile;
    }

    private static ProfileRule.Evidence ticketEvidence(Map<String, Object> props, Instant now) {
        TicketFacts facts = TicketFacts.of(props, now);
        if (facts == null) {
            return null;
        }
        String text = text(props.get(TicketEvents.SUBJECT)) + "\n" + text(props.get(TicketEvents.DESCRIPTION));
        LexiconAnalyzer.Features features = LexiconAnalyzer.Features.of(text);
        return new ProfileRule.Evidence(ProfileRule.Kind.TICKET, facts.ticketId(), now, facts.label(), facts.intensity(),
                facts.negativity(), facts.signals(), features.exclamations(), features.shouting(), ProfileRule.detailLength(text));
    }

    private static ProfileRule.Evidence reopenEvidence(Map<String, Object> props, Instant now) {
        Object ticketId = props.get(TicketEvents.TICKET_ID);
        if (!(ticketId instanceof String id)) {
            return null;
        }
        Object count = props.get(TicketEvents.REOPEN_COUNT);
        return new ProfileRule.Evidence(ProfileRule.Kind.REOPEN, id + ":" + (count == null ? "1" : count), now,
                EmotionLabel.DISAPPOINTMENT, 0.6, 70, Set.of(), 0, false, 0);
    }

    private Optional<ProfileRule.Evidence> interactionEvidence(String customerId, Map<String, Object> props) {
        Object interactionId = props.get(CustomerEvents.INTERACTION_ID);
        if (!(interactionId instanceof String id)) {
            return Optional.empty();
        }
        Optional<Interaction> found = customers.findInteraction(customerId, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Interaction interaction = found.get();
        EmotionAnalyzer current = analyzer;
        EmotionAnalysis analysis;
        try {
            analysis = (current == null ? fallback : current).analyze(interaction.summary(), null);
        } catch (RuntimeException e) {
            LOG.warn("Emotion analyzer failed on an interaction; using the default one: {}", e.toString());
            analysis = fallback.analyze(interaction.summary(), null);
        }
        EmotionLabel label = analysis.label();
        double intensity = analysis.intensity();
        int negativity = analysis.negativity();
        if (interaction.emotion() != null && interaction.emotion() != label) {
            // The agent who recorded the contact named the emotion: that wins over the reading.
            label = interaction.emotion();
            intensity = label.isNegative() == analysis.label().isNegative() ? Math.max(intensity, 0.5) : 0.5;
            negativity = TicketFacts.derivedNegativity(label, intensity);
        }
        LexiconAnalyzer.Features features = LexiconAnalyzer.Features.of(interaction.summary());
        return Optional.of(new ProfileRule.Evidence(ProfileRule.Kind.INTERACTION, id,
                interaction.occurredAt().truncatedTo(ChronoUnit.MILLIS), label, intensity, negativity,
                analysis.signals().stream().map(Signal::name).collect(Collectors.toSet()), features.exclamations(),
                features.shouting(), ProfileRule.detailLength(interaction.summary())));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    static Map<String, Object> properties(LoggedEvent event) {
        return new HashMap<>(event.data());
    }
}
