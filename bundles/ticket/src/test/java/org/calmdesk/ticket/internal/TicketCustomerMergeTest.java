package org.calmdesk.ticket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.testing.LoggedEvents;
import org.calmdesk.core.testing.MutableClock;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.customer.api.events.CustomerMerged;
import org.calmdesk.ticket.api.EmotionInput;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketCategory;
import org.calmdesk.ticket.api.TicketChannel;
import org.calmdesk.ticket.api.TicketDraft;
import org.calmdesk.ticket.api.TicketQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TicketCustomerMergeTest {

    private EntityManagerFactory emf;
    private JpaTicketService service;
    private TicketCustomerMerge merge;

    @BeforeEach
    void setUp() {
        emf = TicketTestSupport.entityManagerFactory(TicketTestSupport.newDatabaseUrl());
        TicketTestSupport.Customers customers = new TicketTestSupport.Customers();
        for (String id : List.of("c-target", "c-source", "c-other")) {
            customers.add(id, "zh", null, Temperament.UNKNOWN, 0, false);
        }
        service = new JpaTicketService(new TicketStore(emf), new BeanValidator(),
                new TicketSettings(TicketPolicy.from(TicketTestSupport.config(Map.of()))), new TicketGuide(),
                new MutableClock(Instant.parse("2026-11-23T08:00:00Z")));
        service.customers = customers.service();
        merge = new TicketCustomerMerge(new TicketStore(emf));
    }

    @AfterEach
    void tearDown() {
        emf.close();
    }

    private Ticket open(String customerId, String subject) {
        return service.create(new TicketDraft(customerId, TicketChannel.PHONE, TicketCategory.BILLING, subject, "details",
                new EmotionInput(EmotionLabel.ANGER, 0.7), null, null, List.of()), "agent");
    }

    private List<String> ticketsOf(String customerId) {
        return service.list(new TicketQuery(null, customerId, null, null, null, null, null), PageRequest.first(50)).items()
                .stream().map(Ticket::id).sorted().toList();
    }

    @Test
    void theSourcesTicketsAndTheirHistoryMoveToTheTargetOnce() {
        Ticket mine = open("c-target", "target's own");
        Ticket moved1 = open("c-source", "source one");
        Ticket moved2 = open("c-source", "source two");
        Ticket other = open("c-other", "someone else");
        LoggedEvent merged = LoggedEvents.event(new CustomerMerged("c-target", "c-source", "agent"));

        merge.consume(merged);
        assertEquals(List.of(mine.id(), moved1.id(), moved2.id()).stream().sorted().toList(), ticketsOf("c-target"));
        assertTrue(ticketsOf("c-source").isEmpty());
        assertEquals(List.of(other.id()), ticketsOf("c-other"));
        Ticket after = service.find(moved1.id()).orElseThrow();
        assertEquals("c-target", after.customerId());
        assertEquals(moved1.version() + 1, after.version(), "a moved ticket has a new version (its ETag changes)");
        assertEquals("source one", after.subject());

        merge.consume(merged); // redelivered: nothing more moves
        assertEquals(after, service.find(moved1.id()).orElseThrow());
        assertEquals(3, ticketsOf("c-target").size());
    }
}
