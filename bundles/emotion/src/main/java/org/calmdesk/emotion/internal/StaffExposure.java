package org.calmdesk.emotion.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;


import org.calmdesk.core.error.CalmdeskException;
import org.calmdesk.emotion.api.EmotionEvents;
import org.calmdesk.ticket.api.TicketEvents;
import org.calmdesk.ticket.api.TicketService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.events.EventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff exposure from the ticket events: counts each agent's hostile tickets per day, posts
 * {@link EmotionEvents#EXPOSURE_THRESHOLD_CROSSED} once per agent and day, and, when the
 * assignment helper is on, gives a ticket opened without an assignee to the least-exposed
 * available agent ({@link AssignmentRule}) through the ticket module's service (optional: without
 * the ticket module there is nothing to assign).
 */
@Component(service = EventConsumer.class, property = {
        EventConsumer.NAME + "=emotion.staff-exposure",
        EventConsumer.START + "=now",
        EventConsumer.TOPICS + "=" + TicketEvents.CREATED,
        EventConsumer.TOPICS + "=" + TicketEvents.ASSIGNED,
        EventConsumer.TOPICS + "=" + TicketEvents.RESOLVED,
        EventConsumer.TOPICS + "=" + TicketEvents.CLOSED,
        EventConsumer.TOPICS + "=" + TicketEvents.REOPENED })
public class StaffExposure implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(StaffExposure.class);
    static final String ACTOR = "emotion";

    private final ExposureStore store;
    private final EmotionSettings settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TicketService tickets;

    @Activate
    public StaffExposure(@Reference ExposureStore store, @Reference EmotionSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Override
    public void consume(LoggedEvent event) {
        // A failure propagates: the relay retries the event (the store counts each ticket once).
        handle(event.topic(), CustomerProfiler.properties(event));
    }

    void handle(String topic, Map<String, Object> props) {
        EmotionPolicy policy = settings.policy();
        TicketFacts facts = TicketFacts.of(props, store.now());
        if (facts == null) {
            return;
        }
        switch (topic) {
            case TicketEvents.CREATED -> {
                store.atomically(() -> store.opened(facts, policy).map(this::post));
                if (facts.assignee() == null && policy.assignmentEnabled()) {
                    assign(facts, policy);
                }
            }
            case TicketEvents.ASSIGNED -> store.atomically(() -> store.assigned(facts, policy).map(this::post));
            case TicketEvents.RESOLVED, TicketEvents.CLOSED -> store.done(facts.ticketId());
            case TicketEvents.REOPENED -> store.reopened(facts.ticketId());
            default -> { }
        }
    }

    /** Chooses an agent by {@link AssignmentRule} and assigns the ticket; returns the choice. */
    Optional<AssignmentRule.Choice> assign(TicketFacts facts, EmotionPolicy policy) {
        TicketService ticketService = tickets;
        List<String> roster = policy.agents();
        if (ticketService == null || roster.isEmpty()) {
            LOG.info("Assignment helper is on but {}; ticket {} stays unassigned",
                    ticketService == null ? "the ticket module is not running" : "no agents are configured", facts.ticketId());
            return Optional.empty();
        }
        Set<String> cooling = store.coolingDown(roster, policy, store.now()).keySet();
        Set<String> atCap = policy.maxOpenHighIntensity() == 0 ? Set.of()
                : store.openHighIntensity(roster, policy).entrySet().stream()
                        .filter(e -> e.getValue() >= policy.maxOpenHighIntensity()).map(Map.Entry::getKey)
                        .collect(Collectors.toSet());
        Optional<AssignmentRule.Choice> choice = AssignmentRule.choose(roster, store.today(roster, policy), cooling, atCap,
                store.clashed(facts.customerId()));
        if (choice.isEmpty()) {
            LOG.info("No agent available for ticket {} (cooling down: {}, at the cap: {}); it stays unassigned",
                    facts.ticketId(), cooling, atCap);
            return choice;
        }
        try {
            ticketService.assign(facts.ticketId(), choice.get().agent(), null, ACTOR);
            Map<String, Object> props = new HashMap<>();
            props.put(EmotionEvents.TICKET_ID, facts.ticketId());
            props.put(EmotionEvents.CUSTOMER_ID, facts.customerId());
            props.put(EmotionEvents.ASSIGNEE, choice.get().agent());
            props.put(EmotionEvents.REASON, choice.get().reason());
            store.atomically(() -> {
                EventLog.append(new DomainEvent(EmotionEvents.AUTO_ASSIGNED, facts.ticketId(), facts.customerId(), props));
                return null;
            });
            LOG.info("Ticket {} assigned to {}: {}", facts.ticketId(), choice.get().agent(), choice.get().reason());
        } catch (CalmdeskException e) {
            LOG.info("Ticket {} not assigned by the helper: {}", facts.ticketId(), e.getMessage());
        }
        return choice;
    }

    /** Appends the crossing's event to the running transaction. */
    private ExposureStore.Crossing post(ExposureStore.Crossing crossing) {
        Map<String, Object> props = new HashMap<>();
        props.put(EmotionEvents.ASSIGNEE, crossing.assignee());
        props.put(EmotionEvents.DATE, crossing.day().toString());
        props.put(EmotionEvents.HOSTILE, crossing.hostile());
        props.put(EmotionEvents.TOTAL, crossing.total());
        props.put(EmotionEvents.THRESHOLD, crossing.threshold());
        props.put(EmotionEvents.TICKET_ID, crossing.ticketId());
        EventLog.append(new DomainEvent(EmotionEvents.EXPOSURE_THRESHOLD_CROSSED, crossing.assignee(), null, props));
        LOG.warn("Agent {} has handled {} hostile tickets today ({}), the threshold is {}", crossing.assignee(),
                crossing.hostile(), crossing.day(), crossing.threshold());
        return crossing;
    }
}
