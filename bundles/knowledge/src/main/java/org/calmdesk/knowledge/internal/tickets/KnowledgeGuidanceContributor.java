package org.calmdesk.knowledge.internal.tickets;

import java.util.ArrayList;
import java.util.List;

import org.calmdesk.knowledge.api.KnowledgeService;
import org.calmdesk.knowledge.api.SearchHit;
import org.calmdesk.ticket.api.GuidanceContribution;
import org.calmdesk.ticket.api.GuidanceContributor;
import org.calmdesk.ticket.api.SuggestedArticle;
import org.calmdesk.ticket.api.Ticket;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the problem library to a ticket's guidance: the published articles that best match the
 * ticket, and the handling scripts (话术) of the best one in the customer's language.
 */
@Component(service = GuidanceContributor.class)
public class KnowledgeGuidanceContributor implements GuidanceContributor {

    static final int ARTICLES = 3;
    static final int SCRIPTS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeGuidanceContributor.class);

    private final KnowledgeService knowledge;

    @Activate
    public KnowledgeGuidanceContributor(@Reference KnowledgeService knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public String module() {
        return "knowledge";
    }

    @Override
    public GuidanceContribution contribute(Ticket ticket, String temperament, String language) {
        try {
            String text = TicketTexts.caseText(ticket);
            if (text.isBlank()) {
                return null;
            }
            List<SearchHit> hits = knowledge.suggest(text, TicketTexts.category(ticket), ARTICLES).items();
            if (hits.isEmpty()) {
                return null;
            }
            List<SuggestedArticle> articles = hits.stream().map(h -> new SuggestedArticle(h.article().id(),
                    h.article().title(), h.score(), h.highlight())).toList();
            List<String> scripts = new ArrayList<>();
            List<String> actions = new ArrayList<>();
            hits.stream().filter(h -> language == null || language.equals(h.article().language())).findFirst()
                    .ifPresent(best -> {
                        best.article().scripts().stream().limit(SCRIPTS).forEach(scripts::add);
                        actions.add((best.article().language().equals("zh") ? "参考问题库：" : "See the problem library: ")
                                + best.article().title());
                    });
            return new GuidanceContribution(module(), null, actions, scripts, List.of(), articles);
        } catch (RuntimeException e) {
            LOG.warn("No problem-library guidance for ticket {}: {}", ticket.id(), e.toString());
            return null;
        }
    }
}
