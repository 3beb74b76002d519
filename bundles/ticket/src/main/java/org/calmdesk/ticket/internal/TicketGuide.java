package org.calmdesk.ticket.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.calmdesk.customer.api.Customer;
import org.calmdesk.ticket.api.Guidance;
import org.calmdesk.ticket.api.GuidanceContribution;
import org.calmdesk.ticket.api.GuidanceContributor;
import org.calmdesk.ticket.api.SuggestedArticle;
import org.calmdesk.ticket.api.Ticket;
import org.calmdesk.ticket.api.TicketStatus;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;

/**
 * Builds a ticket's guidance: the default playbook (data in {@code playbook.json}: a strategy per
 * temperament, what to do and say at each step, in Chinese and English), pitfalls that fit the
 * ticket's state, and whatever the registered {@link GuidanceContributor}s add (the emotion
 * module's playbooks, the problem library's articles). A failing contributor is skipped.
 */
@Component(service = TicketGuide.class)
public class TicketGuide {

    private static final Logger LOG = LoggerFactory.getLogger(TicketGuide.class);

    private final Playbook playbook;
    /** Contributors, lowest service ranking first (so the last non-null strategy is the highest-ranked). */
    private final List<Ranked> contributors = new CopyOnWriteArrayList<>();

    record Ranked(GuidanceContributor contributor, ServiceReference<?> reference) {
    }

    public TicketGuide() {
        this.playbook = Playbook.load();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addContributor(GuidanceContributor contributor, ServiceReference<GuidanceContributor> reference) {
        contributors.add(new Ranked(contributor, reference));
        List<Ranked> sorted = new ArrayList<>(contributors);
        sorted.sort((a, b) -> a.reference() == null || b.reference() == null ? 0 : a.reference().compareTo(b.reference()));
        contributors.clear();
        contributors.addAll(sorted);
    }

    void removeContributor(GuidanceContributor contributor) {
        contributors.removeIf(r -> r.contributor() == contributor);
    }

    Guidance guidance(Ticket ticket, Customer customer, Instant now) {
        String temperament = customer == null || customer.temperament() == null ? "UNKNOWN" : customer.temperament().name();
        String language = languageOf(customer, ticket);
        Playbook.Step step = playbook.steps().get(ticket.status().name());
        String strategy = playbook.text(playbook.strategies().get(temperament), language);
        List<String> doNext = new ArrayList<>(playbook.texts(step.doNext(), language));
        List<String> say = new ArrayList<>(playbook.texts(step.say(), language));
        Set<String> pitfalls = new LinkedHashSet<>(pitfalls(ticket, language, now));
        List<SuggestedArticle> articles = new ArrayList<>();
        List<String> contributedBy = new ArrayList<>();
        contributedBy.add("ticket");
        for (Ranked ranked : contributors) {
            GuidanceContribution contribution;
            try {
                contribution = ranked.contributor().contribute(ticket, temperament, language);
            } catch (RuntimeException e) {
                LOG.warn("Guidance contributor {} failed: {}", ranked.contributor().getClass().getName(), e.toString());
                continue;
            }
            if (contribution == null) {
                continue;
            }
            contributedBy.add(contribution.module());
            if (contribution.strategy() != null && !contribution.strategy().isBlank()) {
                strategy = contribution.strategy();
            }
            doNext.addAll(contribution.actions());
            say.addAll(contribution.scripts());
            pitfalls.addAll(contribution.pitfalls());
            articles.addAll(contribution.articles());
        }
        articles.sort((a, b) -> Double.compare(b.score(), a.score()));
        return new Guidance(ticket.id(), ticket.number(), ticket.status(), temperament, language, strategy,
                new Guidance.Step(ticket.status().name(), playbook.text(step.name(), language),
                        playbook.text(step.goal(), language)),
                doNext, say, List.copyOf(pitfalls), articles, contributedBy);
    }

    /**
     * The three pitfalls of seed 003 where the ticket's state invites them, plus alerts the
     * ticket's facts call for (a missed target, a threat, a repeated reopening).
     */
    private List<String> pitfalls(Ticket ticket, String language, Instant now) {
        List<String> result = new ArrayList<>();
        TicketStatus status = ticket.status();
        if (ticket.emotion().label().isNegative() && (status == TicketStatus.NEW || status == TicketStatus.ACKNOWLEDGED
                || status == TicketStatus.REOPENED)) {
            result.add(playbook.pitfall("IGNORING_EMOTION", language));
        }
        if (status == TicketStatus.INVESTIGATING || status == TicketStatus.SOLUTION_PROPOSED || status == TicketStatus.REOPENED) {
            result.add(playbook.pitfall("DEFENSIVENESS", language));
        }
        if (status == TicketStatus.SOLUTION_PROPOSED || status == TicketStatus.RESOLVED) {
            result.add(playbook.pitfall("NO_FOLLOW_UP", language));
        }
        if (ticket.sla().breached()) {
            result.add(playbook.pitfall("SLA_BREACHED", language));
        } else if (!status.isDone() && ticket.sla().firstRespondedAt() == null
                && Duration.between(now, ticket.sla().firstResponseDue()).toMinutes() <= 15) {
            result.add(playbook.pitfall("FIRST_RESPONSE_DUE", language));
        }
        if (ticket.emotion().signals().stream().anyMatch(PriorityRule.EMERGENCY_SIGNALS::contains)) {
            result.add(playbook.pitfall("THREAT", language));
        }
        if (ticket.emotion().signals().contains("ABUSE")) {
            result.add(playbook.pitfall("ABUSE", language));
        }
        if (ticket.reopenCount() >= 2) {
            result.add(playbook.pitfall("REPEATED_REOPEN", language));
        }
        return result;
    }

    /** zh when the customer's language says so, or when it is unknown and the ticket is written in Chinese. */
    static String languageOf(Customer customer, Ticket ticket) {
        if (customer != null && customer.language() != null) {
            return customer.language().toLowerCase(Locale.ROOT).startsWith("zh") ? "zh" : "en";
        }
        String text = ticket.subject() + (ticket.description() == null ? "" : ticket.description());
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) ? "zh" : "en";
    }

    /** The default playbook, read once from the bundle. */
    record Playbook(Map<String, Map<String, String>> strategies, Map<String, Step> steps,
            Map<String, Map<String, String>> pitfalls) {

        record Step(Map<String, String> name, Map<String, String> goal, Map<String, List<String>> doNext,
                Map<String, List<String>> say) {
        }

        static Playbook load() {
            try (InputStream in = TicketGuide.class.getResourceAsStream("playbook.json")) {
                if (in == null) {
                    throw new IllegalStateException("playbook.json is missing from the ticket bundle");
                }
                // Its own type cache: Jackson's shared default one would keep this bundle's classes after it is uninstalled.
                Playbook playbook = new ObjectMapper().setTypeFactory(TypeFactory.defaultInstance().withCache(new LRUMap<>(16, 200))).readValue(in, new TypeReference<Playbook>() {
                });
                for (TicketStatus status : TicketStatus.values()) {
                    if (!playbook.steps().containsKey(status.name())) {
                        throw new IllegalStateException("playbook.json has no step " + status);
                    }
                }
                return playbook;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String text(Map<String, String> texts, String language) {
            return texts == null ? null : texts.getOrDefault(language, texts.get("en"));
        }

        List<String> texts(Map<String, List<String>> texts, String language) {
            return texts == null ? List.of() : texts.getOrDefault(language, texts.getOrDefault("en", List.of()));
        }

        String pitfall(String key, String language) {
            return text(pitfalls.get(key), language);
        }
    }
}
