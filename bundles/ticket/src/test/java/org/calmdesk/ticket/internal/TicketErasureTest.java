package org.calmdesk.ticket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.testing.MutableClock;
import org.calmdesk.core.testing.LoggedEvents;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.customer.api.CustomerEvents;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.ticket.api.CommentDraft;
import org.calmdesk.ticket.api.EmotionInput;
import org.calmdesk.ticket.api.HistoryEntry;
import org.calmdesk.ticket.api.Resolution;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketCategory;
import org.calmdesk.ticket.api.TicketChannel;
import org.calmdesk.ticket.api.TicketDraft;
import org.calmdesk.ticket.api.TicketQuery;
import org.calmdesk.ticket.api.TicketStatus;
import org.calmdesk.ticket.api.Transition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.testing.LoggedEvents;

class TicketErasureTest {

    private EntityManagerFactory emf;
    private JpaTicketService service;
    private TicketErasure erasure;

    @BeforeEach
    void setUp() {
        emf = TicketTestSupport.entityManagerFactory(TicketTestSupport.newDatabaseUrl());
        TicketTestSupport.Customers customers = new TicketTestSupport.Customers();
        customers.add("c-wang", "zh", null, Temperament.EMOTIONAL, 0, false);
        customers.add("c-li", "zh", null, Temperament.RATIONAL, 0, false);
        service = new JpaTicketService(new TicketStore(emf), new BeanValidator(),
                new TicketSettings(TicketPolicy.from(TicketTestSupport.config(Map.of()))), new TicketGuide(),
                new MutableClock(Instant.parse("2026-11-23T08:00:00Z")));
        service.customers = customers.service();
        erasure = new TicketErasure(new TicketStore(emf));
    }

    @AfterEach
    void tearDown() {
        emf.close();
    }

    private Ticket resolvedTicket(String customerId, String subject) {
        Ticket t = service.create(new TicketDraft(customerId, TicketChannel.PHONE, TicketCategory.BILLING, subject,
                "王先生说他的手机号 13800000000 被多扣了 20 元", new EmotionInput(EmotionLabel.ANGER, 0.8), null, null, List.of()),
                "agent");
        service.comment(t.id(), new CommentDraft("已致电王先生", true), "agent");
        for (TicketStatus step : List.of(TicketStatus.ACKNOWLEDGED, TicketStatus.INVESTIGATING, TicketStatus.SOLUTION_PROPOSED)) {
            service.transition(t.id(), new Transition(step, "与王先生沟通", null, null), null, "agent");
        }
        return service.transition(t.id(), new Transition(TicketStatus.RESOLVED, "退还王先生 20 元",
                new Resolution("退款给王先生", "计费系统重复扣费", "20元话费"), null), null, "agent");
    }

    private static LoggedEvent erased(String customerId) {
        return LoggedEvents.event(CustomerEvents.ERASED, Map.of(CustomerEvents.CUSTOMER_ID, customerId, CustomerEvents.ACTOR, "admin"));
    }

    @Test
    void erasingACustomerRedactsTheirTicketTextsAndLeavesTheFigures() {
        Ticket wang = resolvedTicket("c-wang", "王先生话费多扣");
        Ticket li = resolvedTicket("c-li", "李女士话费多扣");

        erasure.consume(erased("c-wang"));
        erasure.consume(erased("c-wang")); // redelivered: nothing more changes

        Ticket redacted = service.find(wang.id()).orElseThrow();
        assertEquals("(erased)", redacted.subject());
        assertEquals("(erased)", redacted.description());
        assertEquals("(erased)", redacted.resolution().summary());
        assertEquals("计费系统重复扣费", redacted.resolution().rootCause(), "the root cause is about the business, it stays");
        assertEquals(TicketStatus.RESOLVED, redacted.status());
        assertEquals(TicketCategory.BILLING, redacted.category());
        assertEquals(List.of("(erased)"), service.comments(wang.id()).stream().map(c -> c.body()).toList());
        for (HistoryEntry entry : service.history(wang.id(), PageRequest.first(50)).items()) {
            assertTrue(entry.note() == null || entry.note().equals("(erased)"), entry.toString());
        }
        assertTrue(service.list(new TicketQuery(null, null, null, null, null, null, "王先生"), PageRequest.first(10)).items()
                .stream().noneMatch(t -> t.id().equals(wang.id())), "the erased words no longer find the ticket");
        assertEquals(List.of(wang.id()), service.list(new TicketQuery(null, null, null, null, null, null, wang.number()),
                PageRequest.first(10)).items().stream().map(Ticket::id).toList(), "the number still does");

        assertEquals(li, service.find(li.id()).orElseThrow(), "another customer's ticket is untouched");
        assertEquals(List.of("已致电王先生"), service.comments(li.id()).stream().map(c -> c.body()).toList());
    }
}
