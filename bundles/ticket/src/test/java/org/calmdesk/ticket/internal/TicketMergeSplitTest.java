package org.calmdesk.ticket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.testing.LoggedEvents;
import org.calmdesk.core.testing.MutableClock;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.emotion.api.EmotionAnalysis;
import org.calmdesk.emotion.api.Signal;
import org.calmdesk.ticket.api.Comment;
import org.calmdesk.ticket.api.CommentDraft;
import org.calmdesk.ticket.api.CustomerTickets;
import org.calmdesk.ticket.api.EmotionInput;
import org.calmdesk.ticket.api.EmotionSource;
import org.calmdesk.ticket.api.HistoryEntry;
import org.calmdesk.ticket.api.Priority;
import org.calmdesk.ticket.api.Resolution;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketCategory;
import org.calmdesk.ticket.api.TicketChannel;
import org.calmdesk.ticket.api.TicketDraft;
import org.calmdesk.ticket.api.TicketEvents;
import org.calmdesk.ticket.api.TicketMerge;
import org.calmdesk.ticket.api.TicketQuery;
import org.calmdesk.ticket.api.TicketSplit;
import org.calmdesk.ticket.api.TicketStatus;
import org.calmdesk.ticket.api.Transition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** Issue 19: merging duplicate tickets and splitting one, on real EclipseLink and H2 with the module's migrations. */
class TicketMergeSplitTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    private EntityManagerFactory emf;
    private MutableClock clock;
    private LoggedEvents events;
    private JpaTicketService service;

    @BeforeEach
    void setUp() {
        emf = TicketTestSupport.entityManagerFactory(TicketTestSupport.newDatabaseUrl());
        clock = new MutableClock(T0);
        events = new LoggedEvents(emf);
        TicketTestSupport.Customers customers = new TicketTestSupport.Customers();
        customers.add("c1", "zh", null, Temperament.RATIONAL, 0, false);
        customers.add("c2", "zh", null, Temperament.RATIONAL, 0, false);
        TicketSettings settings = new TicketSettings(TicketPolicy.from(TicketTestSupport.config(Map.of(
                "firstResponseP3", "PT1H", "resolutionP3", "PT8H"))));
        service = new JpaTicketService(new TicketStore(emf), new BeanValidator(), settings, new TicketGuide(), clock);
        service.customers = customers.service();
    }

    @AfterEach
    void tearDown() {
        emf.close();
    }

    private Ticket open(String customerId, String subject) {
        return service.create(new TicketDraft(customerId, TicketChannel.EMAIL, TicketCategory.BILLING, subject, "重复扣费",
                new EmotionInput(EmotionLabel.DISAPPOINTMENT, 0.3), null, "wang", List.of()), "agent");
    }

    private Ticket move(Ticket t, TicketStatus to) {
        return service.transition(t.id(), new Transition(to, null,
                to == TicketStatus.RESOLVED ? new Resolution("Refunded", null, null) : null, null), null, "agent");
    }

    private List<HistoryEntry> history(Ticket t) {
        return service.history(t.id(), PageRequest.first(100)).items();
    }

    private static TicketMerge sources(String... ids) {
        return new TicketMerge(List.of(ids));
    }

    @Test
    void mergeClosesTheSourcesAsMergedIntoTheTargetWithHistoryAndEvents() {
        Ticket target = open("c1", "扣费两次");
        Ticket source = open("c1", "又扣了一次");
        Ticket resolved = move(move(move(move(open("c1", "第三次来电"), TicketStatus.ACKNOWLEDGED), TicketStatus.INVESTIGATING),
                TicketStatus.SOLUTION_PROPOSED), TicketStatus.RESOLVED);
        service.comment(source.id(), new CommentDraft("客户第二次来电", false), "agent");
        events.clear();
        clock.advance(Duration.ofMinutes(5));

        Ticket after = service.merge(target.id(), sources(source.id(), resolved.id()), "li.na");

        assertEquals(target.id(), after.id());
        assertEquals(TicketStatus.NEW, after.status(), "the target stays as it was");
        assertNull(after.mergedInto());
        assertTrue(after.version() > target.version(), "the target's history changed: a new version");
        for (Ticket merged : List.of(source, resolved)) {
            Ticket closed = service.find(merged.id()).orElseThrow();
            assertEquals(TicketStatus.CLOSED, closed.status());
            assertEquals(target.id(), closed.mergedInto());
            assertEquals(T0.plus(Duration.ofMinutes(5)), closed.updatedAt());
            List<HistoryEntry> h = history(closed);
            HistoryEntry status = h.get(h.size() - 2);
            assertEquals("STATUS", status.action());
            assertEquals(merged.status().name(), status.from());
            assertEquals("CLOSED", status.to());
            assertEquals("merged into " + target.number(), status.note());
            HistoryEntry mergedInto = h.get(h.size() - 1);
            assertEquals("MERGED_INTO", mergedInto.action());
            assertEquals(target.number(), mergedInto.to());
            assertEquals("li.na", mergedInto.actor());
        }
        List<HistoryEntry> onTarget = history(after).stream().filter(e -> e.action().equals("MERGED_FROM")).toList();
        assertEquals(List.of(source.number(), resolved.number()), onTarget.stream().map(HistoryEntry::to).toList());
        assertTrue(onTarget.get(0).note().startsWith("merged from " + source.number()), onTarget.get(0).note());

        // Lists show the merged ticket as CLOSED with its link.
        Ticket listed = service.list(new TicketQuery(TicketStatus.CLOSED, "c1", null, null, null, null, null),
                PageRequest.first(10)).items().stream().filter(t -> t.id().equals(source.id())).findFirst().orElseThrow();
        assertEquals(target.id(), listed.mergedInto());

        // One MERGED per source, besides the move to CLOSED every consumer of the flow already knows.
        List<Event> merged = events.on(TicketEvents.MERGED);
        assertEquals(2, merged.size());
        Event first = merged.get(0);
        assertEquals(source.id(), first.getProperty(TicketEvents.TICKET_ID));
        assertEquals(target.id(), first.getProperty(TicketEvents.TARGET_ID));
        assertEquals(target.number(), first.getProperty(TicketEvents.TARGET_NUMBER));
        assertEquals("c1", first.getProperty(TicketEvents.CUSTOMER_ID));
        assertEquals("NEW", first.getProperty(TicketEvents.FROM));
        assertEquals("CLOSED", first.getProperty(TicketEvents.STATUS));
        assertEquals("RESOLVED", merged.get(1).getProperty(TicketEvents.FROM));
        assertEquals(2, events.on(TicketEvents.CLOSED).size());
        assertEquals(2, events.on(TicketEvents.TRANSITIONED).size());
        assertEquals(6, events.all().size());

        // The source's comments are read from the target, each naming its own ticket.
        List<Comment> comments = service.comments(target.id());
        assertEquals(List.of("客户第二次来电"), comments.stream().map(Comment::body).toList());
        assertEquals(source.id(), comments.get(0).ticketId());
        assertEquals(comments, service.comments(source.id()), "and from the source itself");
    }

    @Test
    void mergingTheSameSourceAgainChangesNothingAndPostsNothing() {
        Ticket target = open("c1", "扣费两次");
        Ticket source = open("c1", "又扣了一次");
        Ticket first = service.merge(target.id(), sources(source.id()), "agent");
        events.clear();
        clock.advance(Duration.ofMinutes(1));

        Ticket again = service.merge(target.id(), sources(source.id(), source.id()), "agent");

        assertEquals(first, again, "nothing changed on the target");
        assertTrue(events.isEmpty(), "no second event: " + events.topics());
        assertEquals(1, history(target).stream().filter(e -> e.action().equals("MERGED_FROM")).count());
        assertEquals(T0, service.find(source.id()).orElseThrow().updatedAt());
    }

    @Test
    void badMergesAreValidationErrorsOrConflictsAndChangeNothing() {
        Ticket target = open("c1", "扣费两次");
        Ticket source = open("c1", "又扣了一次");
        Ticket otherCustomer = open("c2", "别人的工单");
        Ticket closed = move(move(move(move(move(open("c1", "已解决"), TicketStatus.ACKNOWLEDGED), TicketStatus.INVESTIGATING),
                TicketStatus.SOLUTION_PROPOSED), TicketStatus.RESOLVED), TicketStatus.CLOSED);
        events.clear();

        assertEquals("sourceIds", assertThrows(ValidationException.class,
                () -> service.merge(target.id(), sources(target.id()), "agent")).errors().get(0).field());
        assertEquals("sourceIds", assertThrows(ValidationException.class,
                () -> service.merge(target.id(), new TicketMerge(List.of()), "agent")).errors().get(0).field());
        assertEquals("sourceIds", assertThrows(ValidationException.class,
                () -> service.merge(target.id(), new TicketMerge(null), "agent")).errors().get(0).field());
        assertThrows(ValidationException.class, () -> service.merge(target.id(), null, "agent"));
        assertThrows(NotFoundException.class, () -> service.merge(target.id(), sources("no-such-ticket"), "agent"));
        assertThrows(NotFoundException.class, () -> service.merge("no-such-ticket", sources(source.id()), "agent"));

        ConflictException closedSource = assertThrows(ConflictException.class,
                () -> service.merge(target.id(), sources(source.id(), closed.id()), "agent"));
        assertEquals("CLOSED", closedSource.extensions().get("currentStatus"));
        assertEquals(closed.id(), closedSource.extensions().get("ticketId"));
        assertEquals(TicketStatus.NEW, service.find(source.id()).orElseThrow().status(),
                "the valid source listed with a bad one is not merged either");
        assertEquals("CLOSED", assertThrows(ConflictException.class,
                () -> service.merge(closed.id(), sources(source.id()), "agent")).extensions().get("currentStatus"));
        ConflictException foreign = assertThrows(ConflictException.class,
                () -> service.merge(target.id(), sources(otherCustomer.id()), "agent"));
        assertEquals("c2", foreign.extensions().get("customerId"));

        // Merged elsewhere: a conflict naming where it went; and a merged ticket is no target.
        Ticket third = open("c1", "第三张");
        service.merge(third.id(), sources(source.id()), "agent");
        events.clear();
        ConflictException elsewhere = assertThrows(ConflictException.class,
                () -> service.merge(target.id(), sources(source.id()), "agent"));
        assertEquals(third.id(), elsewhere.extensions().get("mergedInto"));
        assertEquals(third.id(), assertThrows(ConflictException.class,
                () -> service.merge(source.id(), sources(target.id()), "agent")).extensions().get("mergedInto"));
        assertTrue(events.isEmpty(), "no event for a refused merge: " + events.topics());
        assertEquals(TicketStatus.NEW, service.find(target.id()).orElseThrow().status());
        assertTrue(history(target).stream().noneMatch(e -> e.action().startsWith("MERGED")));
    }

    @Test
    void aMergedTicketCannotBeReopenedOrMovedAnyMore() {
        Ticket target = open("c1", "扣费两次");
        Ticket source = open("c1", "又扣了一次");
        service.merge(target.id(), sources(source.id()), "agent");

        ConflictException reopen = assertThrows(ConflictException.class, () -> move(source, TicketStatus.REOPENED));
        assertEquals(target.id(), reopen.extensions().get("mergedInto"));
        assertEquals("CLOSED", reopen.extensions().get("currentStatus"));
        assertEquals(TicketStatus.CLOSED, service.find(source.id()).orElseThrow().status());
        assertEquals(TicketStatus.ACKNOWLEDGED, move(target, TicketStatus.ACKNOWLEDGED).status(), "the target works on");

        // Other modules' check before they record something for a ticket names the target.
        ValidationException forMerged = assertThrows(ValidationException.class,
                () -> CustomerTickets.requireOf(service, source.id(), "c1"));
        assertTrue(forMerged.getMessage().contains(target.id()), forMerged.getMessage());
        assertEquals(target.id(), CustomerTickets.requireOf(service, target.id(), "c1").id());
    }

    @Test
    void commentsOfTicketsMergedIntoAMergedTicketStayReadableFromTheLastTarget() {
        Ticket a = open("c1", "一");
        Ticket b = open("c1", "二");
        Ticket c = open("c1", "三");
        Comment onA = service.comment(a.id(), new CommentDraft("A 的备注", true), "agent");
        clock.advance(Duration.ofSeconds(1));
        Comment onB = service.comment(b.id(), new CommentDraft("B 的备注", true), "agent");
        clock.advance(Duration.ofSeconds(1));
        Comment onC = service.comment(c.id(), new CommentDraft("C 的备注", true), "agent");
        service.merge(b.id(), sources(a.id()), "agent");
        service.merge(c.id(), sources(b.id()), "agent");

        assertEquals(List.of(onA.id(), onB.id(), onC.id()), service.comments(c.id()).stream().map(Comment::id).toList());
        assertEquals(List.of(onA.id(), onB.id()), service.comments(b.id()).stream().map(Comment::id).toList());
        assertEquals(List.of(onA.id()), service.comments(a.id()).stream().map(Comment::id).toList());
    }

    @Test
    void splitOpensALinkedTicketForTheSameCustomerMovingTheNamedComments() {
        List<String> analysed = new ArrayList<>();
        service.analyzer = (text, language) -> {
            analysed.add(text);
            return new EmotionAnalysis(EmotionLabel.ANGER, 0.8, 80, Set.of(Signal.REGULATOR_THREAT), "test");
        };
        Ticket source = move(open("c1", "扣费和快递两件事"), TicketStatus.ACKNOWLEDGED);
        Comment stays = service.comment(source.id(), new CommentDraft("扣费已核实", true), "agent");
        Comment moves = service.comment(source.id(), new CommentDraft("快递丢件", false), "agent");
        events.clear();
        clock.advance(Duration.ofHours(2));

        Ticket split = service.split(source.id(), new TicketSplit("快递丢件", "包裹一周未到，要投诉到监管", List.of(moves.id())), "li.na");

        assertEquals(source.id(), split.splitFrom());
        assertNull(split.mergedInto());
        assertEquals("c1", split.customerId());
        assertEquals(TicketStatus.NEW, split.status());
        assertEquals(TicketChannel.EMAIL, split.channel(), "copied");
        assertEquals(TicketCategory.BILLING, split.category(), "copied");
        assertNull(split.assignee(), "a new ticket: assigned as any new one");
        assertEquals(T0.plus(Duration.ofHours(2)), split.createdAt());
        assertTrue(split.sla().firstResponseDue().isAfter(split.createdAt()), "its own SLA from now");
        assertNull(split.sla().firstRespondedAt());
        assertEquals(List.of("快递丢件\n包裹一周未到，要投诉到监管"), analysed, "analysed as any new ticket");
        assertEquals(EmotionSource.ANALYZER, split.emotion().source());
        assertEquals(Priority.P1, split.priority(), "priority derived as for any new ticket");
        assertTrue(split.number().compareTo(source.number()) > 0);

        assertEquals(List.of(moves.id()), service.comments(split.id()).stream().map(Comment::id).toList());
        assertEquals(split.id(), service.comments(split.id()).get(0).ticketId());
        assertEquals(List.of(stays.id()), service.comments(source.id()).stream().map(Comment::id).toList());

        List<HistoryEntry> created = history(split);
        assertEquals(List.of("CREATED", "PRIORITY", "SPLIT_FROM"), created.stream().map(HistoryEntry::action).toList());
        assertEquals(source.number(), created.get(2).to());
        HistoryEntry onSource = history(source).get(history(source).size() - 1);
        assertEquals("SPLIT_INTO", onSource.action());
        assertEquals(split.number(), onSource.to());
        assertEquals("split into " + split.number() + "; 1 comment moved", onSource.note());
        Ticket sourceAfter = service.find(source.id()).orElseThrow();
        assertEquals(TicketStatus.ACKNOWLEDGED, sourceAfter.status(), "the source works on");

        assertEquals(List.of(TicketEvents.CREATED), events.topics());
        assertEquals(split.id(), events.last().getProperty(TicketEvents.TICKET_ID));
        assertEquals("快递丢件", events.last().getProperty(TicketEvents.SUBJECT));
    }

    @Test
    void badSplitsAreValidationErrorsOrConflictsAndChangeNothing() {
        Ticket source = open("c1", "两件事");
        Ticket other = open("c1", "另一张");
        Comment foreign = service.comment(other.id(), new CommentDraft("别的工单的备注", true), "agent");
        Comment own = service.comment(source.id(), new CommentDraft("本工单的备注", true), "agent");
        events.clear();

        assertEquals("commentIds", assertThrows(ValidationException.class, () -> service.split(source.id(),
                new TicketSplit("拆出", null, List.of(own.id(), foreign.id())), "agent")).errors().get(0).field());
        assertEquals("commentIds", assertThrows(ValidationException.class, () -> service.split(source.id(),
                new TicketSplit("拆出", null, List.of("no-such-comment")), "agent")).errors().get(0).field());
        assertEquals("subject", assertThrows(ValidationException.class, () -> service.split(source.id(),
                new TicketSplit(" ", null, null), "agent")).errors().get(0).field());
        assertThrows(ValidationException.class, () -> service.split(source.id(), null, "agent"));
        assertThrows(NotFoundException.class, () -> service.split("no-such-ticket", new TicketSplit("拆出", null, null), "agent"));
        assertTrue(events.isEmpty(), events.topics().toString());
        assertEquals(2, service.list(new TicketQuery(null, "c1", null, null, null, null, null), PageRequest.first(10))
                .items().size(), "no ticket was opened");
        assertEquals(List.of(own.id()), service.comments(source.id()).stream().map(Comment::id).toList());

        service.merge(other.id(), sources(source.id()), "agent");
        ConflictException merged = assertThrows(ConflictException.class,
                () -> service.split(source.id(), new TicketSplit("拆出", null, null), "agent"));
        assertEquals(other.id(), merged.extensions().get("mergedInto"));

        Ticket plain = service.split(other.id(), new TicketSplit("拆出", null, null), "agent");
        assertEquals(other.id(), plain.splitFrom());
        assertTrue(service.comments(plain.id()).isEmpty());
    }
}
