package org.calmdesk.emotion.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.calmdesk.ticket.api.GuidanceContribution;
import org.calmdesk.ticket.api.GuidanceContributor;
import org.calmdesk.ticket.api.Ticket;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enriches {@code GET /tickets/{id}/guidance} with the emotion playbook: for a customer of known
 * temperament its strategy (replacing the ticket module's generic one), the current step's
 * actions and scripts in the customer's language, and the temperament's pitfalls; for any
 * customer, what the ticket's signals call for (abuse, threats, repeated contact, urgency).
 * The playbook is data: the bundled one or a client's file ({@code playbookFile}), reloaded live.
 */
@Component(service = GuidanceContributor.class, configurationPid = "calmdesk.emotion", property = "service.ranking:Integer=10")
public class PlaybookContributor implements GuidanceContributor {

    private static final Logger LOG = LoggerFactory.getLogger(PlaybookContributor.class);

    private volatile Playbook playbook = Playbook.bundled();

    public PlaybookContributor() {
    }

    PlaybookContributor(Playbook playbook) {
        this.playbook = playbook;
    }

    @Activate
    @Modified
    void configure(EmotionConfig config) {
        String file = config.playbookFile() == null ? "" : config.playbookFile().trim();
        if (file.isEmpty()) {
            playbook = Playbook.bundled();
            return;
        }
        Path etc = DefaultEmotionAnalyzer.karafEtc();
        try {
            playbook = Playbook.from(etc == null ? Path.of(file) : etc.resolve(file));
            LOG.info("Emotion playbook loaded from {}", file);
        } catch (IllegalArgumentException e) {
            LOG.error("Emotion playbook rejected, the previous one stays in force: {}", e.getMessage());
        }
    }

    @Override
    public String module() {
        return "emotion";
    }

    @Override
    public GuidanceContribution contribute(Ticket ticket, String temperament, String language) {
        String lang = "zh".equals(language) ? "zh" : "en";
        Playbook current = playbook;
        List<String> actions = new ArrayList<>();
        List<String> scripts = new ArrayList<>();
        List<String> pitfalls = new ArrayList<>();
        String strategy = null;
        Playbook.Temperament type = temperament == null ? null : current.temperaments().get(temperament);
        if (type != null) {
            strategy = type.strategy().in(lang);
            Playbook.Step step = type.steps().get(ticket.status().name());
            if (step != null) {
                add(actions, step.actions(), lang);
                add(scripts, step.scripts(), lang);
            }
            add(pitfalls, type.pitfalls(), lang);
        }
        if (ticket.emotion() != null) {
            for (String signal : ticket.emotion().signals()) {
                Playbook.Extra extra = current.signals().get(signal);
                if (extra != null) {
                    add(actions, extra.actions(), lang);
                    add(scripts, extra.scripts(), lang);
                    add(pitfalls, extra.pitfalls(), lang);
                }
            }
        }
        if (strategy == null && actions.isEmpty() && scripts.isEmpty() && pitfalls.isEmpty()) {
            return null;
        }
        return new GuidanceContribution(module(), strategy, actions, scripts, pitfalls, List.of());
    }

    private static void add(List<String> target, Playbook.Texts texts, String language) {
        if (texts != null) {
            target.addAll(texts.in(language));
        }
    }
}
