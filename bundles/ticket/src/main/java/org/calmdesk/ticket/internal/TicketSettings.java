package org.calmdesk.ticket.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.calmdesk.ticket.api.Priority;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live ticket policy (PID {@code calmdesk.ticket}). A change applies at once to tickets opened
 * afterwards; a value that does not parse is logged and the previous policy stays in force.
 */
@Component(service = TicketSettings.class, configurationPid = "calmdesk.ticket", immediate = true)
@Designate(ocd = TicketConfig.class)
public class TicketSettings {

    private static final Logger LOG = LoggerFactory.getLogger(TicketSettings.class);

    private volatile TicketPolicy policy = defaults();

    public TicketSettings() {
    }

    TicketSettings(TicketPolicy policy) {
        this.policy = policy;
    }

    @Activate
    @Modified
    void apply(TicketConfig config) {
        try {
            policy = TicketPolicy.from(config);
            LOG.info("Ticket policy applied: first response {}, resolution {}, check every {} s",
                    policy.firstResponse(), policy.resolution(), policy.checkIntervalSeconds());
        } catch (IllegalArgumentException e) {
            LOG.error("Ticket configuration (calmdesk.ticket) rejected, the previous policy stays in force: {}", e.getMessage());
        }
    }

    TicketPolicy policy() {
        return policy;
    }

    /** The metatype defaults, for the moment before configuration arrives and for tests. */
    static TicketPolicy defaults() {
        Map<Priority, Duration> firstResponse = new EnumMap<>(Map.of(Priority.P1, Duration.ofMinutes(15),
                Priority.P2, Duration.ofHours(1), Priority.P3, Duration.ofHours(4), Priority.P4, Duration.ofHours(8)));
        Map<Priority, Duration> resolution = new EnumMap<>(Map.of(Priority.P1, Duration.ofHours(4),
                Priority.P2, Duration.ofHours(24), Priority.P3, Duration.ofHours(72), Priority.P4, Duration.ofHours(120)));
        return new TicketPolicy(Map.copyOf(firstResponse), Map.copyOf(resolution), BusinessCalendar.always(),
                Duration.ofHours(1), 30, Duration.ofDays(2),
                "We will contact you again to make sure the problem is solved to your satisfaction.",
                "我们会再次回访您，确认问题已经圆满解决。", Set.of("vip"));
    }

}
