package org.calmdesk.survey.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Period;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SurveyPolicyTest {

    static SurveyConfig config(Map<String, Object> overrides) {
        return (SurveyConfig) Proxy.newProxyInstance(SurveyConfig.class.getClassLoader(), new Class<?>[] { SurveyConfig.class },
                (proxy, method, args) -> overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                        : method.getDefaultValue());
    }

    @Test
    void validityIsAPeriodOrADuration() {
        assertEquals(Duration.ofDays(7), SurveyPolicy.from(config(Map.of())).invitationValidity());
        assertEquals(Period.ofMonths(1), SurveyPolicy.from(config(Map.of("invitationValidity", "P1M"))).invitationValidity());
        assertEquals(Duration.ofSeconds(2), SurveyPolicy.from(config(Map.of("invitationValidity", "PT2S"))).invitationValidity());
        for (String bad : new String[] { "PT0S", "P0D", "-P1D", "a week" }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SurveyPolicy.from(config(Map.of("invitationValidity", bad))));
            assertTrue(e.getMessage().startsWith("invitationValidity"), e.getMessage());
        }
    }

    @Test
    void policyValuesAreChecked() {
        assertEquals(SurveyPolicy.HeatedPolicy.DELAY, SurveyPolicy.from(config(Map.of("heatedPolicy", "delay"))).heatedPolicy());
        assertThrows(IllegalArgumentException.class, () -> SurveyPolicy.from(config(Map.of("heatedPolicy", "SOMETIMES"))));
        assertThrows(IllegalArgumentException.class, () -> SurveyPolicy.from(config(Map.of("invalidTokenGuessesPerMinute", -1))));
        assertThrows(IllegalArgumentException.class, () -> SurveyPolicy.from(config(Map.of("requestsPerTokenPerMinute", -1))));
        assertThrows(IllegalArgumentException.class, () -> SurveyPolicy.from(config(Map.of("defaultChannel", "FAX"))));
        SurveySettings settings = new SurveySettings();
        settings.apply(config(Map.of("invalidTokenGuessesPerMinute", 5)));
        settings.apply(config(Map.of("invalidTokenGuessesPerMinute", -5)));
        assertEquals(5, settings.policy().invalidTokenGuessesPerMinute(), "a rejected change keeps the previous policy");
    }
}
