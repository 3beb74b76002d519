package org.calmdesk.events.internal.rest;

import java.time.Instant;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.calmdesk.core.events.LoggedEvent;
import org.calmdesk.core.paging.Page;
import org.calmdesk.events.api.EventFeed;
import org.calmdesk.rest.RequestParams;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/events}: the feed of "Events and webhooks" in the REST contract. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events", description = "The platform's ordered event log: the feed CRMs poll (GET /events) and webhooks "
        + "(Standard Webhooks signatures, retries, delivery log)")
public class EventFeedResource {

    private final EventFeed feed;

    public EventFeedResource(EventFeed feed) {
        this.feed = feed;
    }

    /** An event as CRMs receive it (feed items and webhook bodies). */
    public record EventView(String id, long sequence, String topic, String type, String resourceId, Instant occurredAt,
            Map<String, Object> data, int schemaVersion) {

        public static EventView of(LoggedEvent event) {
            return new EventView(event.id(), event.sequence(), event.topic(), event.type(), event.resourceId(),
                    event.occurredAt(), event.data(), event.schemaVersion());
        }
    }

    @GET
    @Operation(operationId = "listEvents", summary = "Events in sequence order after the cursor 'after'; 'topic' may end in * (calmdesk/ticket/*);"
            + " nextCursor is where to continue (the same cursor again when nothing is new)")
    public Page<EventView> list(
            @Parameter(description = "Continue after this point: a sequence number or the nextCursor of the previous page")
            @QueryParam("after") String after,
            @Parameter(description = "Only this topic; may end in * (calmdesk/ticket/*)", example = "calmdesk/ticket/*")
            @QueryParam("topic") String topic,
            @QueryParam("limit") String limit) {
        return feed.after(after, topic, RequestParams.limit(limit)).map(EventView::of);
    }
}
