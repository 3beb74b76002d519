package org.calmdesk.emotion.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.ticket.api.Emotion;
import org.calmdesk.ticket.api.EmotionSource;
import org.calmdesk.ticket.api.GuidanceContribution;
import org.calmdesk.ticket.api.Priority;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketCategory;
import org.calmdesk.ticket.api.TicketChannel;
import org.calmdesk.ticket.api.TicketStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookContributorTest {

    private final PlaybookContributor contributor = new PlaybookContributor(Playbook.bundled());

    private static Ticket ticket(TicketStatus status, String... signals) {
        return new Ticket("t1", "CD-000001", "c1", TicketChannel.PHONE, TicketCategory.POLICY, "s", null,
                new Emotion(EmotionLabel.ANGER, 0.9, EmotionSource.ANALYZER, 90, List.of(signals)), Priority.P1, status, null, 0,
                null, null, null, false, 0, List.of(), Instant.EPOCH, Instant.EPOCH, 1);
    }

    @Test
    void everyTemperamentHasAStrategyAndEveryStepActionsAndScriptsInBothLanguages() {
        for (String temperament : List.of("EMOTIONAL", "RATIONAL", "UNREASONABLE")) {
            for (TicketStatus status : TicketStatus.values()) {
                for (String language : List.of("zh", "en")) {
                    GuidanceContribution c = contributor.contribute(ticket(status), temperament, language);
                    assertFalse(c.strategy().isBlank());
                    assertFalse(c.actions().isEmpty(), temperament + " " + status + " " + language);
                    assertFalse(c.scripts().isEmpty(), temperament + " " + status + " " + language);
                    assertFalse(c.pitfalls().isEmpty());
                    boolean chinese = c.scripts().get(0).codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp)
                            == Character.UnicodeScript.HAN);
                    assertEquals(language.equals("zh"), chinese, c.scripts().get(0));
                }
            }
        }
    }

    @Test
    void theStrategiesFollowTheSeeds() {
        assertTrue(contributor.contribute(ticket(TicketStatus.NEW), "EMOTIONAL", "zh").strategy().contains("不打断"));
        assertTrue(contributor.contribute(ticket(TicketStatus.NEW), "RATIONAL", "en").strategy().contains("facts"));
        assertTrue(contributor.contribute(ticket(TicketStatus.NEW), "UNREASONABLE", "en").strategy().contains("boundaries"));
    }

    @Test
    void anUnknownTemperamentGetsNoStrategyButItsSignalsStillCount() {
        assertNull(contributor.contribute(ticket(TicketStatus.NEW), "UNKNOWN", "en"));
        GuidanceContribution abuse = contributor.contribute(ticket(TicketStatus.NEW, "ABUSE", "REGULATOR_THREAT"), "UNKNOWN", "zh");
        assertNull(abuse.strategy());
        assertTrue(abuse.actions().stream().anyMatch(a -> a.contains("辱骂")));
        assertTrue(abuse.actions().stream().anyMatch(a -> a.contains("监管")));
    }

    @Test
    void aClientPlaybookReplacesTheBundledOneLiveAndABadOneIsRejected(@TempDir Path etc) throws Exception {
        Path file = etc.resolve("playbook.json");
        Files.writeString(file, "{\"temperaments\":{\"RATIONAL\":{\"strategy\":{\"zh\":\"客户自定\",\"en\":\"Client's own\"},"
                + "\"steps\":{\"NEW\":{\"actions\":{\"en\":[\"Call within 5 minutes\"]},\"scripts\":{\"en\":[\"Hello\"]}}}}}}");
        PlaybookContributor configured = new PlaybookContributor();
        configured.configure(EmotionTestSupport.config(Map.of("playbookFile", file.toString())));
        GuidanceContribution c = configured.contribute(ticket(TicketStatus.NEW), "RATIONAL", "en");
        assertEquals("Client's own", c.strategy());
        assertEquals(List.of("Call within 5 minutes"), c.actions());
        Files.writeString(file, "{\"temperaments\":{}}");
        configured.configure(EmotionTestSupport.config(Map.of("playbookFile", file.toString())));
        assertEquals("Client's own", configured.contribute(ticket(TicketStatus.NEW), "RATIONAL", "en").strategy(),
                "the previous playbook stays in force");
        configured.configure(EmotionTestSupport.config(Map.of()));
        assertTrue(configured.contribute(ticket(TicketStatus.NEW), "RATIONAL", "en").strategy().startsWith("Rational customer"));
    }
}
