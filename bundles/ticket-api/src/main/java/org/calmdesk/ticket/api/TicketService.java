package org.calmdesk.ticket.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;

/**
 * Complaint tickets. Methods validate their input and throw the platform's domain exceptions;
 * {@code actor} is the authenticated user (or a module name for automatic changes), kept in the
 * history.
 */
public interface TicketService {

    Ticket create(TicketDraft draft, String actor);

    Optional<Ticket> find(String id);

    /** By id or by number ({@code CD-000042}). */
    Optional<Ticket> findByIdOrNumber(String idOrNumber);

    /** Newest first, by keyset. */
    Page<Ticket> list(TicketQuery query, PageRequest page);

    /**
     * Moves the ticket along the flow; any move {@link TicketStatus#allowedMoves()} does not list
     * is a conflict naming the allowed moves.
     *
     * @param expectedVersion the If-Match version, or null
     */
    Ticket transition(String id, Transition transition, Long expectedVersion, String actor);

    Ticket assign(String id, String assignee, Long expectedVersion, String actor);

    /** Pauses (true) or resumes (false) the SLA clocks while the ticket waits on the customer. */
    Ticket setWaiting(String id, boolean waiting, String actor);

    Comment comment(String id, CommentDraft draft, String actor);

    /**
     * Oldest first; with the comments of the tickets merged into this one (each names its own
     * {@code ticketId}).
     */
    List<Comment> comments(String id);

    /**
     * Closes each source as merged into {@code targetId} ({@code mergedInto}), in one transaction
     * with one {@link TicketEvents#MERGED} event per source. A source already merged into the target
     * is left as it is (no second event). Merging a ticket into itself or without sources is a
     * validation error; a closed source or target, or a source of another customer, is a conflict.
     *
     * @return the target
     */
    Ticket merge(String targetId, TicketMerge merge, String actor);

    /**
     * Opens a new ticket for the customer of {@code id}, linked by {@code splitFrom}, starting at
     * NEW with its own SLA (emotion and priority as for any new ticket), and moves the named
     * comments of {@code id} to it.
     *
     * @return the new ticket
     */
    Ticket split(String id, TicketSplit split, String actor);

    /** Every change, oldest first, by keyset. */
    Page<HistoryEntry> history(String id, PageRequest page);

    TicketStats stats(Instant from, Instant to);

    Guidance guidance(String id);
}
