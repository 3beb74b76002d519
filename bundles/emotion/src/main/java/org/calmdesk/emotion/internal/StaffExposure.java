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
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff exposure from the ticket events: counts each agent's hostile tickets per day, posts
 * {@link EmotionEvents#EXPOSURE_THRESHOLD_CROSSED} once per agent and day, and, when the
 * assignment helper is on, gives a ticket opened without an assignee to the least-exposed
 * available agent ({@link AssignmentRule}) through the ticket module's service (optional: without
 * the ticket module there is nothing to assign).
 */
@Component(service = EventHandler.class, property = {
        EventConstants.EVENT_TOPIC + "=" + TicketEvents.CREATED,
        EventConstants.EVENT_TOPIC + "=" + TicketEvents.ASSIGNED,
        EventConstants.EVENT_TOPIC + "=" + TicketEvents.RESOLVED,
        EventConstants.EVENT_TOPIC + "=" + TicketEvents.CLOSED,
        EventConstants.EVENT_TOPIC + "=" + TicketEvents.REOPENED })
public class StaffExposure implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(StaffExposure.class);
    static final String ACTOR = "emotion";

    private final ExposureStore store;
    private final EventAdmin events;
    private final EmotionSettings settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TicketService tickets;

    @Activate
    public StaffExposure(@Reference ExposureStore store, @Reference EventAdmin events, @Reference EmotionSettings settings) {
        this.store = store;
        this.events = events;
        this.settings = settings;
    }

    @Override
    public void handleEvent(Event event) {
        try {
            handle(event.getTopic(), CustomerProfiler.properties(event));
        } catch (RuntimeException e) {
            LOG.warn("Could not count staff exposure from {}: {}", event.getTopic(), e.toString());
            LOG.debug("Exposure failure", e);
        }
    }

    void handle(String topic, Map<String, Object> props) {
        EmotionPolicy policy = settings.policy();
        TicketFacts facts = TicketFacts.of(props, store.now());
        if (facts == null) {
            return;
        }
        switch (topic) {
            case TicketEvents.CREATED -> {
                store.opened(facts, policy).ifPresent(this::post);
                if (facts.assignee() == null && policy.assignmentEnabled()) {
                    assign(facts, policy);
                }
            }
            case TicketEvents.ASSIGNED -> store.assigned(facts, policy).ifPresent(this::post);
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
            events.postEvent(new Event(EmotionEvents.AUTO_ASSIGNED, props));
            LOG.info("Ticket {} assigned to {}: {}", facts.ticketId(), choice.get().agent(), choice.get().reason());
        } catch (CalmdeskException e) {
            LOG.info("Ticket {} not assigned by the helper: {}", facts.ticketId(), e.getMessage());
        }
        return choice;
    }

    private void post(ExposureStore.Crossing crossing) {
        Map<String, Object> props = new HashMap<>();
        props.put(EmotionEvents.ASSIGNEE, crossing.assignee());
        props.put(EmotionEvents.DATE, crossing.day().toString());
        props.put(EmotionEvents.HOSTILE, crossing.hostile());
        props.put(EmotionEvents.TOTAL, crossing.total());
        props.put(EmotionEvents.THRESHOLD, crossing.threshold());
        props.put(EmotionEvents.TICKET_ID, crossing.ticketId());
        events.postEvent(new Event(EmotionEvents.EXPOSURE_THRESHOLD_CROSSED, props));
        LOG.warn("Agent {} has handled {} hostile tickets today ({}), the threshold is {}", crossing.assignee(),
                crossing.hostile(), crossing.day(), crossing.threshold());
    }
}
