package org.calmdesk.survey.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.api.LiveCustomers;
import org.calmdesk.survey.api.Invitation;
import org.calmdesk.survey.api.InvitationDraft;
import org.calmdesk.survey.api.InvitationQuery;
import org.calmdesk.survey.api.Question;
import org.calmdesk.survey.api.Survey;
import org.calmdesk.survey.api.SurveyAnswer;
import org.calmdesk.survey.api.SurveyDraft;
import org.calmdesk.survey.api.SurveyForm;
import org.calmdesk.survey.api.SurveyReport;
import org.calmdesk.survey.api.SurveyService;
import org.calmdesk.ticket.api.CustomerTickets;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Surveys in the {@code calmdesk.survey} persistence unit: validates, orchestrates and publishes;
 * {@link SurveyStore} keeps the templates, {@link InvitationStore} the invitations and answers.
 */
@Component(service = SurveyService.class)
public class JpaSurveyService implements SurveyService {

    private final SurveyStore surveys;
    private final InvitationStore invitations;
    private final BeanValidator validator;
    private final SurveyPublisher publisher;
    private final SurveySettings settings;
    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CustomerService customers;

    /** Optional: without the ticket module invitations are manual and a ticketId is kept as given. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TicketService tickets;

    @Activate
    public JpaSurveyService(@Reference SurveyStore surveys, @Reference InvitationStore invitations,
            @Reference BeanValidator validator, @Reference SurveySettings settings) {
        this(surveys, invitations, validator, settings, Clock.systemUTC());
    }

    JpaSurveyService(SurveyStore surveys, InvitationStore invitations, BeanValidator validator, SurveySettings settings, Clock clock) {
        this.surveys = surveys;
        this.invitations = invitations;
        this.validator = validator;
        this.publisher = new SurveyPublisher();
        this.settings = settings;
        this.clock = clock;
    }

    // ---- templates ----

    @Override
    public Survey create(SurveyDraft draft, String actor) {
        return surveys.insert(template(draft), now());
    }

    @Override
    public Optional<Survey> find(String id) {
        return surveys.find(id);
    }

    @Override
    public List<Survey> list() {
        return surveys.list();
    }

    @Override
    public Survey update(String id, SurveyDraft draft, Long expectedVersion, String actor) {
        return surveys.update(id, expectedVersion, template(draft), now());
    }

    private SurveyStore.Template template(SurveyDraft draft) {
        validator.validate(draft);
        Questions.checkTemplate(draft.questions());
        return new SurveyStore.Template(draft.name(), draft.trigger(), draft.active() == null || draft.active(),
                draft.questions(), Questions.toJson(draft.questions()));
    }

    // ---- invitations ----

    @Override
    public Invitation invite(String surveyId, InvitationDraft draft, String actor) {
        validator.validate(draft);
        Customer customer = liveCustomer(draft.customerId().trim());
        Ticket ticket = ticketOf(draft.ticketId(), customer.id());
        Instant now = now();
        return invitations.atomically(() -> {
            Invitation invitation = invitations.insert(new InvitationStore.NewInvitation(surveyId, customer.id(),
                    draft.ticketId(), draft.channel(), ticket == null ? null : ticket.category().name(),
                    ticket == null ? null : ticket.emotion().negativity(), null), now, settings.policy().invitationExpiry(now));
            publisher.invited(invitation);
            return invitation;
        });
    }

    @Override
    public Page<Invitation> invitations(String surveyId, InvitationQuery query, PageRequest page) {
        return invitations.list(surveyId, query, page, now());
    }

    // ---- the open, token-authenticated side ----

    @Override
    public SurveyForm form(String token) {
        Invitation invitation = invitations.usable(token, now());
        return surveys.form(invitation.surveyId(), invitation.revision(), invitation.expiresAt());
    }

    @Override
    public SurveyAnswer answer(String token, Map<String, Object> answers) {
        Instant now = now();
        Invitation peek = invitations.usable(token, now);
        List<Question> questions = surveys.questions(peek.surveyId(), peek.revision());
        Map<String, Object> clean = Questions.checkAnswers(questions, answers);
        return invitations.atomically(() -> {
            SurveyAnswer stored = invitations.answer(token, clean, questions, now);
            publisher.answered(stored, questions);
            return stored;
        });
    }

    @Override
    public SurveyReport report(String surveyId, Instant from, Instant to) {
        if (find(surveyId).isEmpty()) {
            throw new NotFoundException("Survey", surveyId);
        }
        Instant end = to == null ? now() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
        if (!start.isBefore(end)) {
            throw new ValidationException("from", "must be before to");
        }
        return surveys.report(surveyId, start, end);
    }

    // ---- helpers ----

    private Customer liveCustomer(String customerId) {
        return LiveCustomers.require(customers, customerId, "invitations cannot be sent");
    }

    private Ticket ticketOf(String ticketId, String customerId) {
        return CustomerTickets.requireOf(tickets, ticketId, customerId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
