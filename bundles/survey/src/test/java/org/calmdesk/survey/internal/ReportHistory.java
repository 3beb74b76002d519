package org.calmdesk.survey.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.persistence.SealedDays;
import org.calmdesk.core.EmotionLabel;
import org.calmdesk.core.testing.MutableClock;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.survey.api.Invitation;
import org.calmdesk.survey.api.InvitationChannel;
import org.calmdesk.survey.api.InvitationDraft;
import org.calmdesk.survey.api.Question;
import org.calmdesk.survey.api.QuestionType;
import org.calmdesk.survey.api.Survey;
import org.calmdesk.survey.api.SurveyDraft;
import org.calmdesk.survey.api.SurveyReport;
import org.calmdesk.survey.api.SurveyTrigger;
import org.calmdesk.ticket.api.Emotion;
import org.calmdesk.ticket.api.EmotionSource;
import org.calmdesk.ticket.api.Priority;
import org.calmdesk.ticket.api.Sla;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketCategory;
import org.calmdesk.ticket.api.TicketChannel;
import org.calmdesk.ticket.api.TicketStatus;

/**
 * Ten days of a survey's life through the service, on any database: invitations about tickets of
 * three categories and every negativity band (and about none), answered the same day, the next day
 * or never; and the report windows to compare, whole days and days cut anywhere.
 */
final class ReportHistory {

    static final Instant T0 = Instant.parse("2026-10-01T06:30:00Z");
    static final List<Question> QUESTIONS = List.of(
            new Question("csat", QuestionType.CSAT, "您对这次处理满意吗？", null, true, null),
            new Question("nps", QuestionType.NPS, "您愿意向朋友推荐我们吗？", null, true, null));

    final MutableClock clock = new MutableClock(T0);
    final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    final EntityManagerFactory emf;
    final JpaSurveyService service;
    Survey survey;

    ReportHistory(EntityManagerFactory emf) {
        this.emf = emf;
        this.service = new JpaSurveyService(new SurveyStore(emf), new InvitationStore(emf), new BeanValidator(),
                new SurveySettings(SurveyPolicy.defaults()), clock);
        service.customers = SurveyTestSupport.customers("c1", "c2");
        service.tickets = SurveyTestSupport.tickets(tickets);
        TicketCategory[] categories = { TicketCategory.BILLING, TicketCategory.DELIVERY, TicketCategory.PRODUCT_QUALITY };
        Integer[] negativities = { 10, 45, 90, null, 39, 70 };
        for (int i = 0; i < 6; i++) {
            tickets.put("t" + i, ticket("t" + i, categories[i % 3], negativities[i]));
        }
    }

    /** Writes the ten days; the clock ends on day 10 at 07:00. */
    ReportHistory write() {
        survey = service.create(new SurveyDraft("售后满意度", SurveyTrigger.MANUAL, true, QUESTIONS), "admin");
        List<Invitation> answerTomorrow = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            clock.set(T0.plus(Duration.ofDays(day)));
            for (Invitation late : answerTomorrow) {
                service.answer(late.token(), Map.of("csat", 3, "nps", 7));
            }
            answerTomorrow.clear();
            for (int i = 0; i < 4 + day % 3; i++) {
                clock.advance(Duration.ofMinutes(97));
                String ticket = (i + day) % 5 == 4 ? null : "t" + ((i + day) % 6);
                Invitation invitation = service.invite(survey.id(), new InvitationDraft("c1", ticket, InvitationChannel.SMS), "agent");
                switch ((i + day) % 4) {
                    case 0, 1 -> service.answer(invitation.token(), Map.of("csat", 1 + (i + day) % 5, "nps", (3 * i + day) % 11));
                    case 2 -> answerTomorrow.add(invitation);
                    default -> { } // never answered: it expires
                }
            }
        }
        clock.set(T0.plus(Duration.ofDays(10)).plus(Duration.ofMinutes(30)));
        return this;
    }

    /** Windows over the ten days: all of them and three whole days (the first two), cut inside days, inside one day, and reaching past the sealed ones. */
    List<Instant[]> windows() {
        Instant midnight = SealedDays.startOf(SealedDays.dayOf(T0));
        Duration day = Duration.ofDays(1);
        return List.of(
                new Instant[] { T0.minus(day), clock.instant() },
                new Instant[] { midnight.plus(day.multipliedBy(2)), midnight.plus(day.multipliedBy(5)) },
                new Instant[] { T0.plus(day).plusSeconds(3 * 3600 + 17), T0.plus(day.multipliedBy(6)).plusSeconds(25_000) },
                new Instant[] { T0.plus(day.multipliedBy(3)).plusSeconds(3600), T0.plus(day.multipliedBy(3)).plusSeconds(6 * 3600) },
                new Instant[] { T0.plus(day.multipliedBy(7)).plusSeconds(11), clock.instant().plus(day) });
    }

    List<SurveyReport> reports() {
        return windows().stream().map(w -> service.report(survey.id(), w[0], w[1])).toList();
    }

    private static Ticket ticket(String id, TicketCategory category, Integer negativity) {
        return new Ticket(id, "CD-1", "c1", TicketChannel.PHONE, category, "x", null,
                new Emotion(EmotionLabel.ANGER, 0.8, EmotionSource.ANALYZER, negativity, List.of()), Priority.P2,
                TicketStatus.RESOLVED, null, 0, new Sla(T0, T0, T0, T0, false), null, null, false, 0, List.of(), T0, T0, 1);
    }
}
