package org.calmdesk.ticket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.calmdesk.ticket.api.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TicketPolicyTest {

    @Test
    void theMetatypeDefaultsMatchTheBuiltInDefaults() {
        TicketPolicy parsed = TicketPolicy.from(TicketTestSupport.config(Map.of()));
        TicketPolicy builtIn = TicketSettings.defaults();
        assertEquals(builtIn.firstResponse(), parsed.firstResponse());
        assertEquals(builtIn.resolution(), parsed.resolution());
        assertEquals(builtIn.escalationStep(), parsed.escalationStep());
        assertEquals(builtIn.followUpAfter(), parsed.followUpAfter());
        assertEquals(builtIn.checkIntervalSeconds(), parsed.checkIntervalSeconds());
        assertEquals(builtIn.defaultCommitment("en"), parsed.defaultCommitment("en"));
        assertEquals(builtIn.defaultCommitment("zh-CN"), parsed.defaultCommitment("zh-CN"));
        assertEquals(builtIn.vipSegments(), parsed.vipSegments());
        assertTrue(parsed.calendar().isAlways());
    }

    @Test
    void targetsComeFromTheConfigurationInTheConfiguredCalendar() {
        TicketPolicy policy = TicketPolicy.from(TicketTestSupport.config(Map.of("firstResponseP2", "PT2S",
                "resolutionP2", "PT10S", "workingDays", "MON,TUE,WED,THU,FRI", "workingHours", "09:00-18:00",
                "timeZone", "Asia/Shanghai", "vipSegments", "VIP, Gold")));
        Instant fridayEvening = Instant.parse("2026-11-27T09:59:59Z"); // 17:59:59 in Shanghai
        assertEquals(Instant.parse("2026-11-30T01:00:01Z"), policy.firstResponseDue(fridayEvening, Priority.P2));
        assertEquals(Duration.ofSeconds(10), policy.resolution().get(Priority.P2));
        assertEquals(java.util.Set.of("vip", "gold"), policy.vipSegments());
        assertFalse(policy.calendar().isAlways());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(textBlock = """
            firstResponseP1, 15 minutes
            resolutionP4, -PT1H
            escalationStep, PT0S
            workingDays, MON;FUNDAY
            workingHours, 9-18
            holidays, 2026-13-01
            timeZone, Mars/Olympus
            """)
    void aValueThatDoesNotParseIsRejectedNamingTheAttribute(String attribute, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TicketPolicy.from(TicketTestSupport.config(Map.of(attribute, value.replace(';', ',')))));
        assertTrue(e.getMessage().startsWith(attribute), e.getMessage());
    }

    @Test
    void aRejectedChangeKeepsThePreviousPolicy() {
        TicketSettings settings = new TicketSettings();
        settings.apply(TicketTestSupport.config(Map.of("firstResponseP1", "PT5M")));
        settings.apply(TicketTestSupport.config(Map.of("firstResponseP1", "soon")));
        assertEquals(Duration.ofMinutes(5), settings.policy().firstResponse().get(Priority.P1));
    }
}
