package org.calmdesk.knowledge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.testing.LoggedEvents;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.knowledge.api.Article;
import org.calmdesk.knowledge.api.ArticleQuery;
import org.calmdesk.knowledge.api.ArticleStatus;
import org.calmdesk.knowledge.internal.tickets.KnowledgeGuidanceContributor;
import org.calmdesk.knowledge.internal.tickets.TicketResolvedHandler;
import org.calmdesk.ticket.api.GuidanceContribution;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketCategory;
import org.calmdesk.ticket.api.TicketEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ticket side of the module: guidance contributions and drafts from RESOLVED events. */
class TicketIntegrationTest {

    @TempDir
    Path folder;
    private EntityManagerFactory emf;
    private JpaKnowledgeService service;

    @BeforeEach
    void setUp() throws Exception {
        emf = Fixtures.newEntityManagerFactory();
        service = new JpaKnowledgeService(new ArticleStore(emf), new BeanValidator(), Clock.systemUTC(),
                folder.resolve("index"), Settings.DEFAULTS);
        service.importStarterLibrary("test");
    }

    @AfterEach
    void tearDown() {
        service.close();
        emf.close();
    }

    private static Ticket ticket(String subject, String description, TicketCategory category) {
        return new Ticket("t-1", "CD-000001", "c-1", null, category, subject, description, null, null, null, null, 0, null,
                null, null, false, 0, List.of(), null, null, 1);
    }

    @Test
    void guidanceSuggestsArticlesAndScriptsInTheCustomersLanguage() {
        KnowledgeGuidanceContributor contributor = new KnowledgeGuidanceContributor(service);
        GuidanceContribution zh = contributor.contribute(ticket("信用卡逾期了怎么办", "客户要求删除征信上的逾期记录", TicketCategory.BILLING),
                "EMOTIONAL", "zh");
        assertEquals("knowledge", zh.module());
        assertEquals("信用卡逾期影响征信", zh.articles().get(0).title());
        assertTrue(zh.articles().size() <= 3);
        assertFalse(zh.scripts().isEmpty());
        assertTrue(zh.scripts().get(0).startsWith("非常抱歉"), zh.scripts().toString());

        GuidanceContribution en = contributor.contribute(ticket("Flight delayed five hours",
                "Nobody told the passengers anything", TicketCategory.OTHER), "RATIONAL", "en");
        assertTrue(en.articles().get(0).title().startsWith("Flight delay"), en.articles().toString());
        assertTrue(en.scripts().get(0).startsWith("I'm very sorry"), en.scripts().toString());

        assertNull(contributor.contribute(ticket("qqqzzz", null, TicketCategory.OTHER), "UNKNOWN", "en"));
    }

    @Test
    void aResolvedEventWithARootCauseBecomesOneDraftEvenWhenRedelivered() throws Exception {
        TicketResolvedHandler handler = new TicketResolvedHandler(service);
        Map<String, Object> props = new HashMap<>();
        props.put(TicketEvents.TICKET_ID, "t-77");
        props.put(TicketEvents.NUMBER, "CD-000077");
        props.put(TicketEvents.CATEGORY, "DELIVERY");
        props.put(TicketEvents.SUBJECT, "Parcel delivered to the wrong address");
        props.put(TicketEvents.DESCRIPTION, "The courier left the parcel with a neighbour two streets away.");
        props.put(TicketEvents.RESOLUTION_SUMMARY, "Parcel recovered and redelivered; courier briefed.");
        props.put(TicketEvents.ROOT_CAUSE, "House numbers swapped in the courier's route data");
        LoggedEvent event = LoggedEvents.event(TicketEvents.RESOLVED, props);
        handler.consume(event);
        handler.consume(event);
        Map<String, Object> noCause = new HashMap<>(props);
        noCause.put(TicketEvents.TICKET_ID, "t-78");
        noCause.remove(TicketEvents.ROOT_CAUSE);
        handler.consume(LoggedEvents.event(TicketEvents.RESOLVED, noCause));

        List<Article> drafts = service.list(new ArticleQuery(ArticleStatus.DRAFT, null, null, null, null, false),
                PageRequest.first(10)).items();
        assertEquals(1, drafts.size());
        Article draft = drafts.get(0);
        assertEquals("t-77", draft.sourceTicketId());
        assertEquals("Parcel delivered to the wrong address", draft.title());
        assertEquals("House numbers swapped in the courier's route data", draft.rootCause());
        assertEquals("Parcel recovered and redelivered; courier briefed.", draft.solution());
        assertEquals("en", draft.language());
    }
}
