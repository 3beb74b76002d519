package org.calmdesk.knowledge.internal.rest;

import java.util.List;

import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.knowledge.api.KnowledgeService;
import org.calmdesk.knowledge.internal.tickets.TicketTexts;
import org.calmdesk.rest.RestEndpoint;
import org.calmdesk.rest.RestPublisher;
import org.calmdesk.ticket.api.TicketService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Owns the knowledge module's CXF server: up while this bundle runs, gone when it stops. Tickets
 * are read through an optional, dynamic reference: suggestions by ticket work while the ticket
 * module runs, and come and go with it without touching this endpoint.
 */
@Component(service = KnowledgeRestComponent.class, immediate = true, property = "osgi.jaxrs.resource=true")
public class KnowledgeRestComponent {

    private final RestEndpoint endpoint;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TicketService tickets;

    @Activate
    public KnowledgeRestComponent(@Reference RestPublisher publisher, @Reference KnowledgeService knowledge,
            @Reference BeanValidator validator) {
        endpoint = publisher.publish("knowledge", "/v1/articles",
                List.of(new ArticleResource(knowledge, validator, this::ticketCases)));
    }

    /** Tickets as cases, while the ticket module runs; null otherwise. */
    private TicketCases ticketCases() {
        TicketService current = tickets;
        return current == null ? null : id -> current.findByIdOrNumber(id)
                .map(t -> new TicketCases.TicketCase(t.id(), TicketTexts.category(t), TicketTexts.caseText(t)));
    }

    @Deactivate
    void deactivate() {
        endpoint.close();
    }
}
