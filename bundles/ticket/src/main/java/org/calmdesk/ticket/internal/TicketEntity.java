package org.calmdesk.ticket.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;
import javax.persistence.Version;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.core.persistence.SealedDays;
import org.calmdesk.ticket.api.Commitment;
import org.calmdesk.ticket.api.Emotion;
import org.calmdesk.ticket.api.EmotionSource;
import org.calmdesk.ticket.api.Priority;
import org.calmdesk.ticket.api.Resolution;
import org.calmdesk.ticket.api.Sla;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketCategory;
import org.calmdesk.ticket.api.TicketChannel;
import org.calmdesk.ticket.api.TicketStatus;

/**
 * A ticket row. Fields change only through the methods below (EclipseLink's woven change
 * tracking sees only what the entity itself writes). No boolean columns: EclipseLink 2.7 binds
 * them as integers, which H2 2.x rejects; "waiting" and "breached" are timestamps.
 */
@Entity
@Table(name = "ticket_ticket", indexes = {
        @Index(name = "ticket_ticket_number_ix", columnList = "number", unique = true),
        @Index(name = "ticket_ticket_customer_ix", columnList = "customer_id,id"),
        @Index(name = "ticket_ticket_status_ix", columnList = "status,id"),
        @Index(name = "ticket_ticket_assignee_ix", columnList = "assignee,id"),
        @Index(name = "ticket_ticket_assignee_status_ix", columnList = "assignee,status,id"),
        @Index(name = "ticket_ticket_created_ix", columnList = "created_at"),
        @Index(name = "ticket_ticket_merged_into_ix", columnList = "merged_into") })
public class TicketEntity {

    static final String DELIMITER = "\u0001";
    static final List<TicketStatus> DONE = List.of(TicketStatus.RESOLVED, TicketStatus.CLOSED);

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false, length = 20)
    private String number;

    @Column(name = "customer_id", nullable = false, length = 36)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private TicketChannel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    private TicketCategory category;

    @Column(nullable = false, length = 300)
    private String subject;

    @Column(length = 20_000)
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "emotion_label", nullable = false, length = 20)
    private EmotionLabel emotionLabel;

    @Column(name = "emotion_intensity", nullable = false)
    private double emotionIntensity;

    @Enumerated(EnumType.STRING)
    @Column(name = "emotion_source", nullable = false, length = 10)
    private EmotionSource emotionSource;

    @Column(name = "emotion_negativity")
    private Integer emotionNegativity;

    @Column(name = "emotion_signals", length = 200)
    private String emotionSignals;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 2)
    private Priority priority;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private TicketStatus status;

    @Column(length = 100)
    private String assignee;

    @Column(name = "escalation_level", nullable = false)
    private int escalationLevel;

    @Column(name = "escalated_at")
    private Instant escalatedAt;

    @Column(name = "first_response_due", nullable = false)
    private Instant firstResponseDue;

    @Column(name = "resolution_due", nullable = false)
    private Instant resolutionDue;

    @Column(name = "first_responded_at")
    private Instant firstRespondedAt;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    /** When a target was first missed; null while none was. */
    @Column(name = "breached_at")
    private Instant breachedAt;

    /** Since when the ticket waits on the customer (SLA clocks paused); null when it does not. */
    @Column(name = "waiting_since")
    private Instant waitingSince;

    /** Wall-clock seconds from opening to the first response and to the (latest) resolution, for the stats medians. */
    @Column(name = "first_response_seconds")
    private Long firstResponseSeconds;

    @Column(name = "resolution_seconds")
    private Long resolutionSeconds;

    @Column(name = "resolution_summary", length = 4000)
    private String resolutionSummary;

    @Column(name = "root_cause", length = 4000)
    private String rootCause;

    @Column(length = 1000)
    private String compensation;

    @Column(name = "commitment_text", length = 1000)
    private String commitmentText;

    @Column(name = "follow_up_at")
    private Instant followUpAt;

    @Column(name = "reopen_count", nullable = false)
    private int reopenCount;

    /** Delimited ({@code \u0001a\u0001b\u0001}) so one LIKE finds a tag. */
    @Column(length = 1600)
    private String tags;

    /** Lower-cased number, subject and the start of the description, for {@code q}. */
    @Column(name = "search_text", length = 2400)
    private String searchText;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** The ticket this one was merged into (then CLOSED); null when it was not. */
    @Column(name = "merged_into", length = 36)
    private String mergedInto;

    /** The ticket this one was split from; null when it was not split off. */
    @Column(name = "split_from", length = 36)
    private String splitFrom;

    @Version
    private long version;

    protected TicketEntity() {
    }

    @SuppressWarnings("java:S107") // a ticket is opened with all of its facts at once
    TicketEntity(String id, String number, String customerId, TicketChannel channel, TicketCategory category,
            String subject, String description, Emotion emotion, Priority priority, String assignee, List<String> tags,
            TicketPolicy policy, Instant now) {
        this.id = id;
        this.number = number;
        this.customerId = customerId;
        this.channel = channel;
        this.category = category;
        this.subject = subject.trim();
        this.description = blankToNull(description);
        this.emotionLabel = emotion.label();
        this.emotionIntensity = emotion.intensity();
        this.emotionSource = emotion.source();
        this.emotionNegativity = emotion.negativity();
        this.emotionSignals = emotion.signals().isEmpty() ? null : delimited(emotion.signals());
        this.priority = priority;
        this.status = TicketStatus.NEW;
        this.assignee = blankToNull(assignee);
        this.tags = tags == null || tags.isEmpty() ? null : delimited(tags.stream().map(String::trim).distinct().toList());
        this.firstResponseDue = policy.firstResponseDue(now, priority);
        this.resolutionDue = policy.resolutionDue(now, priority);
        String text = (number + " " + this.subject + " " + (this.description == null ? "" : this.description))
                .toLowerCase(Locale.ROOT);
        this.searchText = text.length() > 2400 ? text.substring(0, 2400) : text;
        this.createdAt = now;
        this.updatedAt = now;
    }

    // ---- the flow ----

    void acknowledge(Instant now) {
        firstRespondedAt = now;
        firstResponseSeconds = Duration.between(createdAt, now).toSeconds();
        if (now.isAfter(firstResponseDue)) {
            markBreached(now);
        }
    }

    void resolve(Resolution resolution, String commitment, Instant followUp, Instant now) {
        resolutionSummary = resolution.summary().trim();
        rootCause = blankToNull(resolution.rootCause());
        compensation = blankToNull(resolution.compensation());
        commitmentText = commitment;
        followUpAt = followUp;
        resolvedAt = now;
        resolutionSeconds = Duration.between(createdAt, now).toSeconds();
        waitingSince = null;
        if (now.isAfter(resolutionDue)) {
            markBreached(now);
        }
    }

    void close(Instant now) {
        closedAt = now;
        waitingSince = null;
    }

    /** A reopened ticket gets a fresh resolution target: the customer's new complaint starts its own clock. */
    void reopen(TicketPolicy policy, Instant now) {
        reopenCount++;
        resolvedAt = null;
        closedAt = null;
        waitingSince = null;
        resolutionDue = policy.resolutionDue(now, priority);
    }

    /** Closed as a duplicate of {@code targetId}: no SLA clock runs any more. */
    void mergeInto(String targetId, Instant now) {
        mergedInto = targetId;
        closedAt = now;
        waitingSince = null;
        status = TicketStatus.CLOSED;
        updatedAt = now;
    }

    /** Set on a new ticket, before it is persisted. */
    void splitFrom(String sourceId) {
        splitFrom = sourceId;
    }

    /** A change recorded only in the history (a merge into it, a split off it) still makes a new version. */
    void touch(Instant now) {
        updatedAt = now;
    }

    void moveTo(TicketStatus target, Instant now) {
        status = target;
        updatedAt = now;
    }

    void assign(String newAssignee, Instant now) {
        assignee = blankToNull(newAssignee);
        updatedAt = now;
    }

    void startWaiting(Instant now) {
        waitingSince = now;
        updatedAt = now;
    }

    /** Resumes the clocks: every target not yet met moves later by the business time spent waiting. */
    void stopWaiting(BusinessCalendar calendar, Instant now) {
        Duration paused = calendar.between(waitingSince, now);
        if (firstRespondedAt == null) {
            firstResponseDue = calendar.plus(firstResponseDue, paused);
        }
        if (resolvedAt == null) {
            resolutionDue = calendar.plus(resolutionDue, paused);
        }
        waitingSince = null;
        updatedAt = now;
    }

    // ---- SLA ----

    /** The target missed right now, if any: FIRST_RESPONSE or RESOLUTION; null when on time, done or waiting. */
    /**
     * Takes out the customer's own words (subject, description, resolution and commitment texts)
     * when the customer is erased; category, times, statuses and root cause stay for the figures.
     */
    void redact(String marker) {
        subject = marker;
        description = description == null ? null : marker;
        resolutionSummary = resolutionSummary == null ? null : marker;
        commitmentText = commitmentText == null ? null : marker;
        searchText = number.toLowerCase(Locale.ROOT);
    }

    String overdueTarget(Instant now) {
        if (DONE.contains(status) || waitingSince != null) {
            return null;
        }
        if (firstRespondedAt == null && now.isAfter(firstResponseDue)) {
            return "FIRST_RESPONSE";
        }
        return now.isAfter(resolutionDue) ? "RESOLUTION" : null;
    }

    boolean breached(Instant now) {
        return breachedAt != null || overdueTarget(now) != null;
    }

    /** Whether the escalation level should rise now: overdue, below 3, and a full step since the last rise. */
    boolean escalationDue(Instant now, Duration step) {
        return escalationLevel < 3 && overdueTarget(now) != null
                && (escalatedAt == null || !escalatedAt.plus(step).isAfter(now));
    }

    void escalate(Instant now) {
        escalationLevel++;
        escalatedAt = now;
        markBreached(now);
        updatedAt = now;
    }

    private void markBreached(Instant now) {
        if (breachedAt == null) {
            breachedAt = now;
        }
    }

    /** Its figures in the day roll-ups of the statistics ({@link StatsDays}) while done; null while open. */
    StatsDays.Member statsMember() {
        if (!DONE.contains(status)) {
            return null;
        }
        return new StatsDays.Member(SealedDays.dayOf(createdAt), status.name(), category.name(), emotionLabel.name(),
                priority.name(), breachedAt != null, firstResponseSeconds, resolutionSeconds);
    }

    Ticket toDto(Instant now) {
        Emotion emotion = new Emotion(emotionLabel, emotionIntensity, emotionSource, emotionNegativity, split(emotionSignals));
        Resolution resolution = resolutionSummary == null ? null : new Resolution(resolutionSummary, rootCause, compensation);
        Commitment commitment = commitmentText == null && followUpAt == null ? null : new Commitment(commitmentText, followUpAt);
        return new Ticket(id, number, customerId, channel, category, subject, description, emotion, priority, status,
                assignee, escalationLevel,
                new Sla(firstResponseDue, resolutionDue, firstRespondedAt, resolvedAt, breached(now)), resolution,
                commitment, waitingSince != null, reopenCount, split(tags), createdAt, updatedAt, version, mergedInto,
                splitFrom);
    }

    static String delimited(List<String> values) {
        return DELIMITER + String.join(DELIMITER, values) + DELIMITER;
    }

    static List<String> split(String delimited) {
        return delimited == null ? List.of()
                : Arrays.stream(delimited.split(DELIMITER)).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    String id() {
        return id;
    }

    String number() {
        return number;
    }

    String customerId() {
        return customerId;
    }

    String mergedInto() {
        return mergedInto;
    }

    TicketChannel channel() {
        return channel;
    }

    TicketCategory category() {
        return category;
    }

    TicketStatus status() {
        return status;
    }

    String assignee() {
        return assignee;
    }

    int escalationLevel() {
        return escalationLevel;
    }

    boolean waiting() {
        return waitingSince != null;
    }

    long version() {
        return version;
    }

    Instant createdAt() {
        return createdAt;
    }
}
