package org.calmdesk.ticket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.Temperament;
import org.calmdesk.ticket.api.Emotion;
import org.calmdesk.ticket.api.EmotionSource;
import org.calmdesk.ticket.api.Guidance;
import org.calmdesk.ticket.api.GuidanceContribution;
import org.calmdesk.ticket.api.GuidanceContributor;
import org.calmdesk.ticket.api.Priority;
import org.calmdesk.ticket.api.Sla;
import org.calmdesk.ticket.api.SuggestedArticle;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketCategory;
import org.calmdesk.ticket.api.TicketChannel;
import org.calmdesk.ticket.api.TicketStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.osgi.framework.ServiceReference;

class TicketGuideTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    private static Ticket ticket(TicketStatus status, EmotionLabel label, List<String> signals, boolean breached, int reopens) {
        return new Ticket("t1", "CD-000001", "c1", TicketChannel.PHONE, TicketCategory.POLICY, "Transfer limit too low",
                null, new Emotion(label, 0.8, EmotionSource.ANALYZER, 80, signals), Priority.P2, status, null, 0,
                new Sla(NOW.plusSeconds(3600), NOW.plusSeconds(86_400), status == TicketStatus.NEW ? null : NOW, null, breached),
                null, null, false, reopens, List.of(), NOW, NOW, 1);
    }

    private static Customer customer(String language, Temperament temperament) {
        return new Customer("c1", null, "Li", null, null, language, null, temperament, 0, List.of(), null, false, NOW, NOW, 1);
    }

    @ParameterizedTest
    @EnumSource(TicketStatus.class)
    void everyStepHasContentInBothLanguages(TicketStatus status) {
        TicketGuide guide = new TicketGuide();
        for (String language : List.of("zh", "en")) {
            for (Temperament temperament : Temperament.values()) {
                Guidance g = guide.guidance(ticket(status, EmotionLabel.NEUTRAL, List.of(), false, 0),
                        customer(language, temperament), NOW);
                assertEquals(language, g.language());
                assertEquals(temperament.name(), g.temperament());
                assertTrue(g.strategy() != null && !g.strategy().isBlank());
                assertTrue(g.step().name() != null && g.step().goal() != null, status + " " + language);
                assertTrue(!g.doNext().isEmpty() && !g.say().isEmpty(), status + " " + language);
                boolean chinese = g.say().get(0).codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
                assertEquals("zh".equals(language), chinese, g.say().get(0));
            }
        }
    }

    @Test
    void pitfallsFollowTheTicketsStateAndSignals() {
        TicketGuide guide = new TicketGuide();
        Guidance fresh = guide.guidance(ticket(TicketStatus.NEW, EmotionLabel.ANGER, List.of("MEDIA_THREAT", "ABUSE"), true, 2),
                customer("en", Temperament.UNREASONABLE), NOW);
        assertEquals(5, fresh.pitfalls().size(), fresh.pitfalls().toString());
        assertTrue(fresh.pitfalls().get(0).startsWith("Ignoring emotion"));
        assertTrue(fresh.strategy().startsWith("Unreasonable customer"));
        Guidance resolved = guide.guidance(ticket(TicketStatus.RESOLVED, EmotionLabel.NEUTRAL, List.of(), false, 0),
                customer("en", Temperament.RATIONAL), NOW);
        assertEquals(1, resolved.pitfalls().size());
        assertTrue(resolved.pitfalls().get(0).startsWith("No follow-up"));
    }

    @Test
    void withoutACustomerTheLanguageComesFromTheText() {
        Ticket chinese = new Ticket("t2", "CD-000002", "c9", TicketChannel.CHAT, TicketCategory.BILLING, "扣费不对", null,
                new Emotion(EmotionLabel.NEUTRAL, 0, EmotionSource.AGENT, null, List.of()), Priority.P4, TicketStatus.NEW,
                null, 0, new Sla(NOW, NOW, null, null, false), null, null, false, 0, List.of(), NOW, NOW, 1);
        assertEquals("zh", new TicketGuide().guidance(chinese, null, NOW).language());
        assertEquals("UNKNOWN", new TicketGuide().guidance(chinese, null, NOW).temperament());
    }

    @Test
    void contributionsAreMergedTheHighestRankedStrategyWinsAndAFailingOneIsSkipped() {
        TicketGuide guide = new TicketGuide();
        guide.addContributor(contributor("emotion", "Emotion playbook strategy", List.of()), reference(10));
        guide.addContributor(contributor("client", "Client strategy", List.of()), reference(50));
        guide.addContributor(contributor("knowledge", null, List.of(new SuggestedArticle("a1", "Limits", 1.5, "x"),
                new SuggestedArticle("a2", "Better", 7.0, "y"))), reference(0));
        GuidanceContributor broken = new GuidanceContributor() {
            @Override
            public String module() {
                return "broken";
            }

            @Override
            public GuidanceContribution contribute(Ticket ticket, String temperament, String language) {
                throw new IllegalStateException("boom");
            }
        };
        guide.addContributor(broken, reference(5));
        Guidance g = guide.guidance(ticket(TicketStatus.INVESTIGATING, EmotionLabel.ANXIETY, List.of(), false, 0),
                customer("en", Temperament.EMOTIONAL), NOW);
        assertEquals("Client strategy", g.strategy());
        assertEquals(List.of("ticket", "knowledge", "emotion", "client"), g.contributors());
        assertEquals(List.of("a2", "a1"), g.articles().stream().map(SuggestedArticle::id).toList());
        assertTrue(g.doNext().contains("do emotion"));
        assertTrue(g.say().contains("say client"));
        guide.removeContributor(broken);
        assertEquals(4, guide.guidance(ticket(TicketStatus.NEW, EmotionLabel.NEUTRAL, List.of(), false, 0), null, NOW)
                .contributors().size());
    }

    private static GuidanceContributor contributor(String module, String strategy, List<SuggestedArticle> articles) {
        return new GuidanceContributor() {
            @Override
            public String module() {
                return module;
            }

            @Override
            public GuidanceContribution contribute(Ticket ticket, String temperament, String language) {
                return new GuidanceContribution(module, strategy, List.of("do " + module), List.of("say " + module),
                        List.of(), articles);
            }
        };
    }

    /** A service reference that orders by ranking, as the framework's does. */
    @SuppressWarnings("unchecked")
    private static ServiceReference<GuidanceContributor> reference(int ranking) {
        return (ServiceReference<GuidanceContributor>) java.lang.reflect.Proxy.newProxyInstance(
                ServiceReference.class.getClassLoader(), new Class<?>[] { ServiceReference.class }, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getProperty":
                            return Map.of("service.ranking", ranking).get(args[0]);
                        case "compareTo":
                            return Integer.compare(ranking, (Integer) ((ServiceReference<?>) args[0]).getProperty("service.ranking"));
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            return null;
                    }
                });
    }
}
