package org.calmdesk.ticket.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.core.Ids;
import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerService;
import org.calmdesk.customer.api.LiveCustomers;
import org.calmdesk.emotion.api.EmotionAnalysis;
import org.calmdesk.emotion.api.EmotionAnalyzer;
import org.calmdesk.emotion.api.Signal;
import org.calmdesk.ticket.api.Comment;
import org.calmdesk.ticket.api.CommentDraft;
import org.calmdesk.ticket.api.Emotion;
import org.calmdesk.ticket.api.EmotionSource;
import org.calmdesk.ticket.api.Guidance;
import org.calmdesk.ticket.api.HistoryEntry;
import org.calmdesk.ticket.api.Priority;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketDraft;
import org.calmdesk.ticket.api.TicketQuery;
import org.calmdesk.ticket.api.TicketMerge;
import org.calmdesk.ticket.api.TicketService;
import org.calmdesk.ticket.api.TicketSplit;
import org.calmdesk.ticket.api.TicketStats;
import org.calmdesk.ticket.api.TicketStatus;
import org.calmdesk.ticket.api.Transition;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.calmdesk.core.events.DomainEvent;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.events.EventPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Complaint tickets in the {@code calmdesk.ticket} persistence unit. */
@Component(service = TicketService.class)
public class JpaTicketService implements TicketService {

    private static final Logger LOG = LoggerFactory.getLogger(JpaTicketService.class);
    private static final Pattern NUMBER = Pattern.compile("CD-\\d{6,}", Pattern.CASE_INSENSITIVE);
    private static final double DEFAULT_INTENSITY = 0.5;
    private static final Duration DEFAULT_STATS_WINDOW = Duration.ofDays(30);

    private final TicketStore store;
    private final BeanValidator validator;
    private final TicketSettings settings;
    private final Clock clock;
    private final TicketGuide guide;

    /** Optional: without the customer module no ticket can be opened (503), but existing ones still work. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile CustomerService customers;

    /** Optional: the highest-ranked analyzer reads the emotion of tickets opened without one. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EmotionAnalyzer analyzer;

    @Activate
    public JpaTicketService(@Reference TicketStore store, @Reference BeanValidator validator, @Reference TicketSettings settings, @Reference TicketGuide guide) {
        this(store, validator, settings, guide, Clock.systemUTC());
    }

    JpaTicketService(TicketStore store, BeanValidator validator, TicketSettings settings,
            TicketGuide guide, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.settings = settings;
        this.guide = guide;
        this.clock = clock;
    }

    @Override
    public Ticket create(TicketDraft draft, String actor) {
        validator.validate(draft);
        Customer customer = liveCustomer(draft.customerId().trim());
        Emotion emotion = emotionOf(draft, customer);
        TicketPolicy policy = settings.policy();
        PriorityRule.Derived derived = PriorityRule.derive(new PriorityRule.Inputs(draft.category(), emotion.label(),
                emotion.intensity(), emotion.signals(), customer.temperament(), customer.negativityScore(),
                customer.segment()), policy.vipSegments());
        Priority priority = draft.priority() != null ? draft.priority() : derived.priority();
        Instant now = now();
        return store.atomically(() -> {
            Ticket created = store.insert(number -> new TicketEntity(Ids.newId(), number, customer.id(), draft.channel(),
                    draft.category(), draft.subject(), draft.description(), emotion, priority, draft.assignee(),
                    draft.tags(), policy, now), now, actor, (entity, history) -> {
                        history.record("CREATED", null, TicketStatus.NEW.name(), entity.toDto(now).subject());
                        history.record("PRIORITY", null, priority.name(), draft.priority() != null ? "given by " + actor
                                : "derived: " + (derived.reasons().isEmpty() ? "no raising factor" : String.join(", ", derived.reasons())));
                        if (entity.assignee() != null) {
                            history.record("ASSIGNED", null, entity.assignee(), null);
                        }
                    });
            post(TicketPayloads.created(created, actor));
            if (created.assignee() != null) {
                post(TicketPayloads.assigned(created, actor, null));
            }
            return created;
        });
    }

    @Override
    public Optional<Ticket> find(String id) {
        return store.find(id, now());
    }

    @Override
    public Optional<Ticket> findByIdOrNumber(String idOrNumber) {
        if (idOrNumber == null || idOrNumber.isBlank()) {
            return Optional.empty();
        }
        String key = idOrNumber.trim();
        if (!NUMBER.matcher(key).matches()) {
            return find(key);
        }
        return store.findByNumber(key, now());
    }

    @Override
    public Page<Ticket> list(TicketQuery query, PageRequest page) {
        return store.list(query, page, now());
    }

    @Override
    public Ticket transition(String id, Transition transition, Long expectedVersion, String actor) {
        validator.validate(transition);
        TicketStatus target = transition.to();
        TicketPolicy policy = settings.policy();
        String language = target == TicketStatus.RESOLVED ? customerLanguage(id) : null;
        TicketStatus[] from = new TicketStatus[1];
        Instant now = now();
        return store.atomically(() -> {
            Ticket moved = store.change(id, expectedVersion, now, actor, (entity, history) -> {
                from[0] = entity.status();
                if (entity.mergedInto() != null) {
                    throw new ConflictException("Ticket " + entity.number() + " was merged into " + entity.mergedInto()
                            + "; it stays CLOSED: work on the ticket it was merged into",
                            Map.of("currentStatus", from[0].name(), "mergedInto", entity.mergedInto(), "allowed", List.of()));
                }
                if (!from[0].canMoveTo(target)) {
                    throw new ConflictException("Ticket " + entity.number() + " cannot move from " + from[0] + " to " + target
                            + "; allowed: " + from[0].allowedMoves(),
                            Map.of("currentStatus", from[0].name(), "allowed", from[0].allowedMoves().stream().map(Enum::name).toList()));
                }
                switch (target) {
                    case ACKNOWLEDGED -> entity.acknowledge(now);
                    case RESOLVED -> {
                        if (transition.resolution() == null || transition.resolution().summary() == null
                                || transition.resolution().summary().isBlank()) {
                            throw new ValidationException("resolution.summary", "is required to resolve a ticket");
                        }
                        String promise = transition.commitment() != null && transition.commitment().text() != null
                                && !transition.commitment().text().isBlank() ? transition.commitment().text().trim()
                                        : policy.defaultCommitment(language);
                        Instant followUp = transition.commitment() != null && transition.commitment().followUpAt() != null
                                ? transition.commitment().followUpAt().truncatedTo(ChronoUnit.MILLIS)
                                : policy.calendar().plus(now, policy.followUpAfter());
                        if (!followUp.isAfter(now)) {
                            throw new ValidationException("commitment.followUpAt", "must be in the future");
                        }
                        entity.resolve(transition.resolution(), promise, followUp, now);
                    }
                    case CLOSED -> entity.close(now);
                    case REOPENED -> entity.reopen(policy, now);
                    default -> {
                        // INVESTIGATING and SOLUTION_PROPOSED change nothing but the status.
                    }
                }
                entity.moveTo(target, now);
                history.record("STATUS", from[0].name(), target.name(), transition.note());
        });
        String before = from[0].name();
        post(TicketPayloads.transitioned(moved, actor, before));
        switch (target) {
            case ACKNOWLEDGED -> post(TicketPayloads.acknowledged(moved, actor, before));
            case RESOLVED -> post(TicketPayloads.resolved(moved, actor, before));
            case CLOSED -> post(TicketPayloads.closed(moved, actor, before));
            case REOPENED -> post(TicketPayloads.reopened(moved, actor, before));
            default -> {
                // no specific topic
            }
        }
        return moved;
        });
    }

    @Override
    public Ticket assign(String id, String assignee, Long expectedVersion, String actor) {
        if (assignee != null && assignee.length() > 100) {
            throw new ValidationException("assignee", "size must be between 0 and 100");
        }
        String[] previous = new String[1];
        Instant now = now();
        return store.atomically(() -> {
            Ticket assigned = store.change(id, expectedVersion, now, actor, (entity, history) -> {
                previous[0] = entity.assignee();
                entity.assign(assignee, now);
                if (!Objects.equals(previous[0], entity.assignee())) {
                    history.record("ASSIGNED", previous[0], entity.assignee(), null);
                }
        });
        if (!Objects.equals(previous[0], assigned.assignee())) {
            post(TicketPayloads.assigned(assigned, actor, previous[0]));
        }
        return assigned;
        });
    }

    @Override
    public Ticket setWaiting(String id, boolean waiting, String actor) {
        BusinessCalendar calendar = settings.policy().calendar();
        Instant now = now();
        return store.change(id, null, now, actor, (entity, history) -> {
            if (entity.waiting() == waiting) {
                return;
            }
            if (waiting) {
                if (entity.status().isDone()) {
                    throw new ConflictException("Ticket " + entity.number() + " is " + entity.status()
                            + ": there is no SLA clock to pause", Map.of("currentStatus", entity.status().name()));
                }
                entity.startWaiting(now);
            } else {
                entity.stopWaiting(calendar, now);
            }
            history.record("WAITING", String.valueOf(!waiting), String.valueOf(waiting), null);
        });
    }

    @Override
    public Comment comment(String id, CommentDraft draft, String actor) {
        validator.validate(draft);
        boolean internal = draft.internal() == null || draft.internal();
        return store.addComment(id, draft.body(), internal, actor, now());
    }

    @Override
    public Ticket merge(String targetId, TicketMerge merge, String actor) {
        if (merge == null || merge.sourceIds() == null || merge.sourceIds().isEmpty()) {
            throw new ValidationException("sourceIds", "must list at least one ticket to merge");
        }
        validator.validate(merge);
        List<String> sources = merge.sourceIds().stream().map(String::trim).distinct().toList();
        if (sources.contains(targetId)) {
            throw new ValidationException("sourceIds", "a ticket cannot be merged into itself");
        }
        Instant now = now();
        return store.atomically(() -> {
            TicketStore.Merge merged = store.merge(targetId, sources, now, actor);
            Ticket target = merged.target();
            for (TicketStore.MergedSource source : merged.merged()) {
                post(TicketPayloads.transitioned(source.source(), actor, source.from()));
                post(TicketPayloads.closed(source.source(), actor, source.from()));
                post(TicketPayloads.merged(source.source(), actor, source.from(), target));
            }
            if (!merged.merged().isEmpty()) {
                LOG.info("Tickets {} merged into {} by {}", merged.merged().stream().map(m -> m.source().number()).toList(),
                        target.number(), actor);
            }
            return target;
        });
    }

    @Override
    public Ticket split(String id, TicketSplit split, String actor) {
        if (split == null) {
            throw new ValidationException("subject", "must not be blank");
        }
        validator.validate(split);
        Ticket source = find(id).orElseThrow(() -> new NotFoundException("Ticket", id));
        if (source.mergedInto() != null) { // checked again under the lock; this spares the analysis
            throw new ConflictException("Ticket " + source.number() + " was merged into " + source.mergedInto()
                    + "; split the ticket it was merged into", Map.of("currentStatus", source.status().name(),
                            "mergedInto", source.mergedInto()));
        }
        TicketDraft draft = new TicketDraft(source.customerId(), source.channel(), source.category(), split.subject(),
                split.description(), null, null, null, null);
        validator.validate(draft);
        Customer customer = liveCustomer(source.customerId());
        Emotion emotion = emotionOf(draft, customer);
        TicketPolicy policy = settings.policy();
        PriorityRule.Derived derived = PriorityRule.derive(new PriorityRule.Inputs(draft.category(), emotion.label(),
                emotion.intensity(), emotion.signals(), customer.temperament(), customer.negativityScore(),
                customer.segment()), policy.vipSegments());
        Priority priority = derived.priority();
        Instant now = now();
        return store.atomically(() -> {
            TicketStore.Split done = store.split(id, (from, number) -> new TicketEntity(Ids.newId(), number, from.customerId(),
                    from.channel(), from.category(), draft.subject(), draft.description(), emotion, priority, null, null,
                    policy, now), split.commentIds(), now, actor, (entity, history) -> {
                        history.record("CREATED", null, TicketStatus.NEW.name(), entity.toDto(now).subject());
                        history.record("PRIORITY", null, priority.name(), "derived: "
                                + (derived.reasons().isEmpty() ? "no raising factor" : String.join(", ", derived.reasons())));
                    });
            Ticket created = done.created();
            post(TicketPayloads.created(created, actor));
            LOG.info("Ticket {} split off {} by {}", created.number(), done.source().number(), actor);
            return created;
        });
    }

    @Override
    public List<Comment> comments(String id) {
        return store.comments(id);
    }

    @Override
    public Page<HistoryEntry> history(String id, PageRequest page) {
        return store.history(id, page);
    }

    @Override
    public TicketStats stats(Instant from, Instant to) {
        Instant end = to == null ? now() : to;
        Instant start = from == null ? end.minus(DEFAULT_STATS_WINDOW) : from;
        if (!start.isBefore(end)) {
            throw new ValidationException("from", "must be before to");
        }
        return store.stats(start, end, now());
    }

    @Override
    public Guidance guidance(String id) {
        Ticket ticket = find(id).orElseThrow(() -> new NotFoundException("Ticket", id));
        CustomerService customerService = customers;
        Customer customer = customerService == null ? null : customerService.find(ticket.customerId()).orElse(null);
        return guide.guidance(ticket, customer, now());
    }

    // ---- helpers ----

    private Customer liveCustomer(String customerId) {
        return LiveCustomers.require(customers, customerId, "tickets cannot be opened");
    }

    private String customerLanguage(String ticketId) {
        CustomerService customerService = customers;
        return find(ticketId).flatMap(t -> customerService == null ? Optional.empty() : customerService.find(t.customerId()))
                .map(Customer::language).orElse(null);
    }

    private Emotion emotionOf(TicketDraft draft, Customer customer) {
        if (draft.emotion() != null) {
            return new Emotion(draft.emotion().label(),
                    draft.emotion().intensity() == null ? DEFAULT_INTENSITY : draft.emotion().intensity(),
                    EmotionSource.AGENT, null, List.of());
        }
        EmotionAnalyzer current = analyzer;
        if (current != null) {
            String text = draft.subject().trim() + (draft.description() == null ? "" : "\n" + draft.description().trim());
            try {
                EmotionAnalysis analysis = current.analyze(text, customer.language());
                return new Emotion(analysis.label(), analysis.intensity(), EmotionSource.ANALYZER, analysis.negativity(),
                        analysis.signals().stream().map(Signal::name).sorted().toList());
            } catch (RuntimeException e) {
                LOG.warn("Emotion analyzer {} failed; the ticket opens as NEUTRAL: {}", current.getClass().getName(), e.toString());
            }
        }
        return new Emotion(EmotionLabel.NEUTRAL, 0.0, EmotionSource.AGENT, null, List.of());
    }

    private void post(EventPayload payload) {
        EventLog.append(DomainEvent.of(payload));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

}
