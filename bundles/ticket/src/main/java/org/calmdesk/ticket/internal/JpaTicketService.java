package org.calmdesk.ticket.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.TypedQuery;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.core.Ids;
import org.calmdesk.core.error.ConflictException;
import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.StaleVersionException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.paging.Cursor;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.core.persistence.Transactions;
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
import org.calmdesk.ticket.api.TicketEvents;
import org.calmdesk.ticket.api.TicketQuery;
import org.calmdesk.ticket.api.TicketService;
import org.calmdesk.ticket.api.TicketStats;
import org.calmdesk.ticket.api.TicketStatus;
import org.calmdesk.ticket.api.Transition;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Complaint tickets in the {@code calmdesk.ticket} persistence unit. */
@Component(service = TicketService.class)
public class JpaTicketService implements TicketService {

    private static final Logger LOG = LoggerFactory.getLogger(JpaTicketService.class);
    private static final Pattern NUMBER = Pattern.compile("CD-\\d{6,}", Pattern.CASE_INSENSITIVE);
    private static final double DEFAULT_INTENSITY = 0.5;
    private static final Duration DEFAULT_STATS_WINDOW = Duration.ofDays(30);

    private final Transactions tx;
    private final BeanValidator validator;
    private final EventAdmin events;
    private final TicketSettings settings;
    private final Clock clock;
    private final TicketNumbers numbers;
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
    public JpaTicketService(@Reference(target = "(osgi.unit.name=calmdesk.ticket)") EntityManagerFactory emf,
            @Reference BeanValidator validator, @Reference EventAdmin events, @Reference TicketSettings settings,
            @Reference TicketGuide guide) {
        this(emf, validator, events, settings, guide, Clock.systemUTC());
    }

    JpaTicketService(EntityManagerFactory emf, BeanValidator validator, EventAdmin events, TicketSettings settings,
            TicketGuide guide, Clock clock) {
        this.tx = new Transactions(emf);
        this.validator = validator;
        this.events = events;
        this.settings = settings;
        this.guide = guide;
        this.clock = clock;
        this.numbers = TicketNumbers.create(tx);
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
        Ticket created = tx.inTransaction(em -> {
            Instant now = now();
            TicketEntity entity = new TicketEntity(Ids.newId(), numbers.next(em), customer.id(), draft.channel(),
                    draft.category(), draft.subject(), draft.description(), emotion, priority, draft.assignee(),
                    draft.tags(), policy, now);
            em.persist(entity);
            record(em, entity, now, actor, "CREATED", null, TicketStatus.NEW.name(), entity.toDto(now).subject());
            record(em, entity, now, actor, "PRIORITY", null, priority.name(), draft.priority() != null
                    ? "given by " + actor : "derived: " + (derived.reasons().isEmpty() ? "no raising factor" : String.join(", ", derived.reasons())));
            if (entity.assignee() != null) {
                record(em, entity, now, actor, "ASSIGNED", null, entity.assignee(), null);
            }
            em.flush(); // the insert sets the first version
            return entity.toDto(now);
        });
        Map<String, Object> props = properties(created, actor);
        props.put(TicketEvents.SUBJECT, created.subject());
        if (created.description() != null) {
            props.put(TicketEvents.DESCRIPTION, created.description());
        }
        post(TicketEvents.CREATED, props);
        if (created.assignee() != null) {
            post(TicketEvents.ASSIGNED, properties(created, actor));
        }
        return created;
    }

    @Override
    public Optional<Ticket> find(String id) {
        Instant now = now();
        return tx.read(em -> Optional.ofNullable(em.find(TicketEntity.class, id)).map(t -> t.toDto(now)));
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
        Instant now = now();
        return tx.read(em -> em.createQuery("SELECT t FROM TicketEntity t WHERE t.number = :n", TicketEntity.class)
                .setParameter("n", key.toUpperCase(Locale.ROOT)).getResultStream().findFirst().map(t -> t.toDto(now)));
    }

    @Override
    public Page<Ticket> list(TicketQuery query, PageRequest page) {
        StringBuilder jpql = new StringBuilder("SELECT t FROM TicketEntity t WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        Instant now = now();
        if (query.status() != null) {
            jpql.append(" AND t.status = :status");
            params.put("status", query.status());
        }
        if (query.customerId() != null && !query.customerId().isBlank()) {
            jpql.append(" AND t.customerId = :customer");
            params.put("customer", query.customerId().trim());
        }
        if (query.category() != null) {
            jpql.append(" AND t.category = :category");
            params.put("category", query.category());
        }
        if (query.priority() != null) {
            jpql.append(" AND t.priority = :priority");
            params.put("priority", query.priority());
        }
        if (query.assignee() != null && !query.assignee().isBlank()) {
            jpql.append(" AND t.assignee = :assignee");
            params.put("assignee", query.assignee().trim());
        }
        if (query.breached() != null) {
            jpql.append(query.breached() ? " AND " : " AND NOT ").append(BREACHED_NOW);
            params.put("done", TicketEntity.DONE);
            params.put("now", now);
        }
        if (query.q() != null && !query.q().isBlank()) {
            jpql.append(" AND t.searchText LIKE :q ESCAPE '\\'");
            params.put("q", "%" + escapeLike(query.q().trim().toLowerCase(Locale.ROOT)) + "%");
        }
        if (page.after() != null) {
            jpql.append(" AND t.id < :after");
            params.put("after", page.after().key(0));
        }
        jpql.append(" ORDER BY t.id DESC");
        return tx.read(em -> {
            TypedQuery<TicketEntity> typed = em.createQuery(jpql.toString(), TicketEntity.class);
            params.forEach(typed::setParameter);
            List<TicketEntity> rows = typed.setMaxResults(page.fetchSize()).getResultList();
            return Page.fromFetched(rows, page, t -> Cursor.of(t.id())).map(t -> t.toDto(now));
        });
    }

    /** The JPQL twin of {@link TicketEntity#breached(Instant)}: missed once, or overdue right now. */
    static final String BREACHED_NOW = "(t.breachedAt IS NOT NULL OR (t.status NOT IN :done AND t.waitingSince IS NULL"
            + " AND ((t.firstRespondedAt IS NULL AND t.firstResponseDue < :now) OR t.resolutionDue < :now)))";

    @Override
    public Ticket transition(String id, Transition transition, Long expectedVersion, String actor) {
        validator.validate(transition);
        TicketStatus target = transition.to();
        TicketPolicy policy = settings.policy();
        String language = target == TicketStatus.RESOLVED ? customerLanguage(id) : null;
        TicketStatus[] from = new TicketStatus[1];
        Ticket moved = tx.inTransaction(em -> {
            Instant now = now();
            TicketEntity entity = locked(em, id, expectedVersion);
            from[0] = entity.status();
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
            record(em, entity, now, actor, "STATUS", from[0].name(), target.name(), transition.note());
            em.flush();
            return entity.toDto(now);
        });
        Map<String, Object> props = properties(moved, actor);
        props.put(TicketEvents.FROM, from[0].name());
        props.put(TicketEvents.TO, target.name());
        post(TicketEvents.TRANSITIONED, props);
        switch (target) {
            case ACKNOWLEDGED -> post(TicketEvents.ACKNOWLEDGED, props);
            case RESOLVED -> post(TicketEvents.RESOLVED, resolvedProperties(moved, props));
            case CLOSED -> post(TicketEvents.CLOSED, props);
            case REOPENED -> post(TicketEvents.REOPENED, props);
            default -> {
                // no specific topic
            }
        }
        return moved;
    }

    @Override
    public Ticket assign(String id, String assignee, Long expectedVersion, String actor) {
        if (assignee != null && assignee.length() > 100) {
            throw new ValidationException("assignee", "size must be between 0 and 100");
        }
        String[] previous = new String[1];
        Ticket assigned = tx.inTransaction(em -> {
            Instant now = now();
            TicketEntity entity = locked(em, id, expectedVersion);
            previous[0] = entity.assignee();
            entity.assign(assignee, now);
            if (!java.util.Objects.equals(previous[0], entity.assignee())) {
                record(em, entity, now, actor, "ASSIGNED", previous[0], entity.assignee(), null);
            }
            em.flush();
            return entity.toDto(now);
        });
        if (!java.util.Objects.equals(previous[0], assigned.assignee())) {
            Map<String, Object> props = properties(assigned, actor);
            if (previous[0] != null) {
                props.put(TicketEvents.FROM, previous[0]);
            }
            post(TicketEvents.ASSIGNED, props);
        }
        return assigned;
    }

    @Override
    public Ticket setWaiting(String id, boolean waiting, String actor) {
        BusinessCalendar calendar = settings.policy().calendar();
        return tx.inTransaction(em -> {
            Instant now = now();
            TicketEntity entity = locked(em, id, null);
            if (entity.waiting() == waiting) {
                return entity.toDto(now);
            }
            if (waiting) {
                if (entity.status().isDone()) {
                    throw new ConflictException("Ticket " + entity.number() + " is " + entity.status()
                            + ": there is no SLA clock to pause", Map.of("status", entity.status().name()));
                }
                entity.startWaiting(now);
            } else {
                entity.stopWaiting(calendar, now);
            }
            record(em, entity, now, actor, "WAITING", String.valueOf(!waiting), String.valueOf(waiting), null);
            em.flush();
            return entity.toDto(now);
        });
    }

    @Override
    public Comment comment(String id, CommentDraft draft, String actor) {
        validator.validate(draft);
        boolean internal = draft.internal() == null || draft.internal();
        return tx.inTransaction(em -> {
            Instant now = now();
            TicketEntity entity = em.find(TicketEntity.class, id);
            if (entity == null) {
                throw new NotFoundException("Ticket", id);
            }
            TicketCommentEntity comment = new TicketCommentEntity(Ids.newId(), id, draft.body(), internal, actor, now);
            em.persist(comment);
            record(em, entity, now, actor, "COMMENT", null, internal ? "INTERNAL" : "PUBLIC", null);
            return comment.toDto();
        });
    }

    @Override
    public List<Comment> comments(String id) {
        return tx.read(em -> {
            requireTicket(em, id);
            return em.createQuery("SELECT c FROM TicketCommentEntity c WHERE c.ticketId = :t ORDER BY c.id",
                    TicketCommentEntity.class).setParameter("t", id).getResultStream().map(TicketCommentEntity::toDto).toList();
        });
    }

    @Override
    public Page<HistoryEntry> history(String id, PageRequest page) {
        return tx.read(em -> {
            requireTicket(em, id);
            TypedQuery<TicketHistoryEntity> query = em.createQuery("SELECT h FROM TicketHistoryEntity h WHERE h.ticketId = :t"
                    + (page.after() == null ? "" : " AND h.id > :after") + " ORDER BY h.id", TicketHistoryEntity.class)
                    .setParameter("t", id);
            if (page.after() != null) {
                query.setParameter("after", page.after().key(0));
            }
            List<TicketHistoryEntity> rows = query.setMaxResults(page.fetchSize()).getResultList();
            return Page.fromFetched(rows, page, h -> Cursor.of(h.id())).map(TicketHistoryEntity::toDto);
        });
    }

    @Override
    public TicketStats stats(Instant from, Instant to) {
        Instant end = to == null ? now() : to;
        Instant start = from == null ? end.minus(DEFAULT_STATS_WINDOW) : from;
        if (!start.isBefore(end)) {
            throw new ValidationException("from", "must be before to");
        }
        Instant now = now();
        return tx.read(em -> {
            String window = " FROM TicketEntity t WHERE t.createdAt >= :from AND t.createdAt < :to";
            long total = em.createQuery("SELECT COUNT(t)" + window, Long.class)
                    .setParameter("from", start).setParameter("to", end).getSingleResult();
            long breached = em.createQuery("SELECT COUNT(t)" + window + " AND " + BREACHED_NOW, Long.class)
                    .setParameter("from", start).setParameter("to", end).setParameter("done", TicketEntity.DONE)
                    .setParameter("now", now).getSingleResult();
            return new TicketStats(start, end, total, countBy(em, "t.status", window, start, end),
                    countBy(em, "t.category", window, start, end), countBy(em, "t.emotionLabel", window, start, end),
                    countBy(em, "t.priority", window, start, end), breached, total == 0 ? 0.0 : (double) breached / total,
                    median(em, "t.firstResponseSeconds", window, start, end),
                    median(em, "t.resolutionSeconds", window, start, end));
        });
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

    private TicketEntity locked(EntityManager em, String id, Long expectedVersion) {
        TicketEntity entity = em.find(TicketEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            throw new NotFoundException("Ticket", id);
        }
        if (expectedVersion != null && expectedVersion != entity.version()) {
            throw new StaleVersionException(expectedVersion, entity.version());
        }
        return entity;
    }

    private static void requireTicket(EntityManager em, String id) {
        if (em.find(TicketEntity.class, id) == null) {
            throw new NotFoundException("Ticket", id);
        }
    }

    static void record(EntityManager em, TicketEntity ticket, Instant at, String actor, String action, String from,
            String to, String note) {
        em.persist(new TicketHistoryEntity(Ids.newId(), ticket.id(), ticket.customerId(), at,
                actor == null ? "system" : actor, action, from, to, note));
    }

    private static Map<String, Long> countBy(EntityManager em, String field, String window, Instant from, Instant to) {
        Map<String, Long> counts = new LinkedHashMap<>();
        List<Object[]> rows = em.createQuery("SELECT " + field + ", COUNT(t)" + window + " GROUP BY " + field
                + " ORDER BY " + field, Object[].class).setParameter("from", from).setParameter("to", to).getResultList();
        for (Object[] row : rows) {
            counts.put(String.valueOf(row[0]), ((Number) row[1]).longValue());
        }
        return counts;
    }

    /** The median in the database: count, then read the one or two middle values in order. */
    private static Long median(EntityManager em, String field, String window, Instant from, Instant to) {
        String present = window + " AND " + field + " IS NOT NULL";
        long n = em.createQuery("SELECT COUNT(t)" + present, Long.class).setParameter("from", from)
                .setParameter("to", to).getSingleResult();
        if (n == 0) {
            return null;
        }
        List<Long> middle = em.createQuery("SELECT " + field + present + " ORDER BY " + field, Long.class)
                .setParameter("from", from).setParameter("to", to)
                .setFirstResult((int) ((n - 1) / 2)).setMaxResults(n % 2 == 0 ? 2 : 1).getResultList();
        return Math.round(middle.stream().mapToLong(Long::longValue).average().orElse(0));
    }

    static Map<String, Object> properties(Ticket ticket, String actor) {
        Map<String, Object> props = new HashMap<>();
        props.put(TicketEvents.TICKET_ID, ticket.id());
        props.put(TicketEvents.NUMBER, ticket.number());
        props.put(TicketEvents.CUSTOMER_ID, ticket.customerId());
        props.put(TicketEvents.STATUS, ticket.status().name());
        props.put(TicketEvents.PRIORITY, ticket.priority().name());
        props.put(TicketEvents.CATEGORY, ticket.category().name());
        props.put(TicketEvents.CHANNEL, ticket.channel().name());
        props.put(TicketEvents.EMOTION_LABEL, ticket.emotion().label().name());
        props.put(TicketEvents.EMOTION_INTENSITY, ticket.emotion().intensity());
        props.put(TicketEvents.ESCALATION_LEVEL, ticket.escalationLevel());
        props.put(TicketEvents.REOPEN_COUNT, ticket.reopenCount());
        props.put(TicketEvents.ACTOR, actor == null ? "system" : actor);
        if (ticket.assignee() != null) {
            props.put(TicketEvents.ASSIGNEE, ticket.assignee());
        }
        if (ticket.emotion().negativity() != null) {
            props.put(TicketEvents.NEGATIVITY, ticket.emotion().negativity());
        }
        if (!ticket.emotion().signals().isEmpty()) {
            props.put(TicketEvents.SIGNALS, ticket.emotion().signals().toArray(String[]::new));
        }
        return props;
    }

    private static Map<String, Object> resolvedProperties(Ticket ticket, Map<String, Object> base) {
        Map<String, Object> props = new HashMap<>(base);
        props.put(TicketEvents.SUBJECT, ticket.subject());
        if (ticket.description() != null) {
            props.put(TicketEvents.DESCRIPTION, ticket.description());
        }
        props.put(TicketEvents.RESOLUTION_SUMMARY, ticket.resolution().summary());
        if (ticket.resolution().rootCause() != null) {
            props.put(TicketEvents.ROOT_CAUSE, ticket.resolution().rootCause());
        }
        if (ticket.resolution().compensation() != null) {
            props.put(TicketEvents.COMPENSATION, ticket.resolution().compensation());
        }
        props.put(TicketEvents.COMMITMENT_TEXT, ticket.commitment().text());
        props.put(TicketEvents.FOLLOW_UP_AT, ticket.commitment().followUpAt().toString());
        return props;
    }

    private void post(String topic, Map<String, Object> props) {
        events.postEvent(new Event(topic, props));
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

}
