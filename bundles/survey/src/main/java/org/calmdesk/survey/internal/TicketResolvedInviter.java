package org.calmdesk.survey.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.calmdesk.survey.api.Invitation;
import org.calmdesk.survey.api.InvitationChannel;
import org.calmdesk.survey.api.SurveyTrigger;
import org.calmdesk.ticket.api.TicketEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.events.EventConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 客户反馈机制: every resolved ticket invites its customer to the active TICKET_RESOLVED surveys
 * (once per resolution: the origin key is unique), unless the heated-ticket policy delays the
 * invitation or replaces it by a call-back.
 */
@Component(service = EventConsumer.class, property = {
        EventConsumer.NAME + "=survey.ticket-resolved-inviter",
        EventConsumer.START + "=now",
        EventConsumer.TOPICS + "=" + TicketEvents.RESOLVED })
public class TicketResolvedInviter implements EventConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(TicketResolvedInviter.class);
    private static final Duration CALL_BACK_AFTER = Duration.ofDays(1);

    private final SurveyStore surveys;
    private final InvitationStore invitations;
    private final SurveyPublisher publisher;
    private final SurveySettings settings;
    private final Clock clock;

    @Activate
    public TicketResolvedInviter(@Reference SurveyStore surveys, @Reference InvitationStore invitations,
            @Reference SurveySettings settings) {
        this(surveys, invitations, settings, Clock.systemUTC());
    }

    TicketResolvedInviter(SurveyStore surveys, InvitationStore invitations, SurveySettings settings,
            Clock clock) {
        this.surveys = surveys;
        this.invitations = invitations;
        this.publisher = new SurveyPublisher();
        this.settings = settings;
        this.clock = clock;
    }

    /** What the ticket module says of a resolved ticket, as far as surveys need it. */
    record ResolvedTicket(String ticketId, String customerId, int reopenCount, String category, String channel, Integer negativity) {
    }

    @Override
    public void consume(LoggedEvent event) {
        String ticketId = (String) event.property(TicketEvents.TICKET_ID);
        String customerId = (String) event.property(TicketEvents.CUSTOMER_ID);
        if (ticketId == null || customerId == null) {
            return;
        }
        Object reopenCount = event.property(TicketEvents.REOPEN_COUNT);
        Object negativity = event.property(TicketEvents.NEGATIVITY);
        // A failure propagates: the relay retries this event (invitations are made once per origin key).
        inviteForResolvedTicket(new ResolvedTicket(ticketId, customerId,
                reopenCount instanceof Number n ? n.intValue() : 0, (String) event.property(TicketEvents.CATEGORY),
                (String) event.property(TicketEvents.CHANNEL), negativity instanceof Number n ? n.intValue() : null));
    }

    /** Returns the invitations sent now (none when delayed, replaced by a call-back, or sent before). */
    List<Invitation> inviteForResolvedTicket(ResolvedTicket ticket) {
        SurveyPolicy policy = settings.policy();
        List<String> surveyIds = surveys.activeIds(SurveyTrigger.TICKET_RESOLVED);
        if (surveyIds.isEmpty()) {
            return List.of();
        }
        Instant now = now();
        boolean heated = ticket.negativity() != null && ticket.negativity() >= policy.heatedNegativity();
        if (heated && policy.heatedPolicy() == SurveyPolicy.HeatedPolicy.CALLBACK) {
            invitations.atomically(() -> {
                publisher.callBackRequested(ticket.customerId(), ticket.ticketId(), ticket.negativity(), now.plus(CALL_BACK_AFTER));
                return null;
            });
            return List.of();
        }
        InvitationChannel channel = channelFor(ticket.channel(), policy);
        List<Invitation> sent = new ArrayList<>();
        for (String surveyId : surveyIds) {
            InvitationStore.NewInvitation invitation = new InvitationStore.NewInvitation(surveyId, ticket.customerId(),
                    ticket.ticketId(), channel, ticket.category(), ticket.negativity(),
                    "ticket:" + ticket.ticketId() + ":" + ticket.reopenCount() + ":" + surveyId);
            if (heated && policy.heatedPolicy() == SurveyPolicy.HeatedPolicy.DELAY) {
                invitations.deferOnce(invitation, now.plus(policy.heatedDelay()));
                continue;
            }
            invitations.atomically(() -> invitations.insertOnce(invitation, now, policy.invitationExpiry(now)).map(created -> {
                publisher.invited(created);
                return created;
            })).ifPresent(sent::add);
        }
        return sent;
    }

    static InvitationChannel channelFor(String ticketChannel, SurveyPolicy policy) {
        if (ticketChannel == null) {
            return policy.defaultChannel();
        }
        return switch (ticketChannel) {
            case "EMAIL" -> InvitationChannel.EMAIL;
            case "CHAT", "SOCIAL" -> InvitationChannel.CHAT;
            default -> policy.defaultChannel();
        };
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
