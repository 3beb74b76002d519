package org.calmdesk.events.internal.webhooks;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.calmdesk.core.error.NotFoundException;
import org.calmdesk.core.error.StaleVersionException;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.events.EventLog;
import org.calmdesk.core.paging.Page;
import org.calmdesk.core.paging.PageRequest;
import org.calmdesk.events.api.CreatedWebhook;
import org.calmdesk.events.api.Delivery;
import org.calmdesk.events.api.DeliveryStatus;
import org.calmdesk.events.api.Webhook;
import org.calmdesk.events.api.WebhookDraft;
import org.calmdesk.events.api.WebhookService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Webhook administration; the secret is made here, returned once, and never logged. */
@Component(service = WebhookService.class)
public class JdbcWebhookService implements WebhookService {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcWebhookService.class);

    private final WebhookDispatcher dispatcher;
    private final WebhookFanOut fanOut;

    @Activate
    public JdbcWebhookService(@Reference WebhookDispatcher dispatcher, @Reference WebhookFanOut fanOut) {
        this.dispatcher = dispatcher;
        this.fanOut = fanOut;
    }

    @Override
    public CreatedWebhook create(WebhookDraft draft, String actor) {
        Checked checked = check(draft);
        String secret = Signature.newSecret();
        Webhook created = sql(() -> dispatcher.store.insert(checked.url(), checked.topics(), checked.description(), checked.active(),
                secret, now()));
        fanOut.invalidate();
        LOG.info("Webhook {} to {} for {} created by {}", created.id(), created.url(), created.topics(), actor);
        return CreatedWebhook.of(created, secret);
    }

    @Override
    public List<Webhook> list() {
        return sql(dispatcher.store::list);
    }

    @Override
    public Optional<Webhook> find(String id) {
        return sql(() -> dispatcher.store.find(id));
    }

    @Override
    public Webhook update(String id, WebhookDraft draft, Long expectedVersion, String actor) {
        Checked checked = check(draft);
        Webhook current = find(id).orElseThrow(() -> new NotFoundException("Webhook", id));
        if (!sql(() -> dispatcher.store.update(id, expectedVersion, checked.url(), checked.topics(), checked.description(),
                checked.active(), now()))) {
            throw new StaleVersionException(expectedVersion, current.version());
        }
        fanOut.invalidate();
        LOG.info("Webhook {} changed by {}: {} for {}, active {}", id, actor, checked.url(), checked.topics(), checked.active());
        return find(id).orElseThrow(() -> new NotFoundException("Webhook", id));
    }

    @Override
    public boolean delete(String id) {
        boolean deleted = sql(() -> dispatcher.store.delete(id));
        fanOut.invalidate();
        return deleted;
    }

    @Override
    public Delivery ping(String id) {
        Webhook webhook = find(id).orElseThrow(() -> new NotFoundException("Webhook", id));
        Instant now = now();
        String deliveryId = sql(() -> dispatcher.store.ping(webhook.id(), now, dispatcher.retryUntil(now)));
        return sql(() -> dispatcher.store.delivery(id, deliveryId)).orElseThrow();
    }

    @Override
    public Page<Delivery> deliveries(String webhookId, DeliveryStatus status, PageRequest page) {
        find(webhookId).orElseThrow(() -> new NotFoundException("Webhook", webhookId));
        return sql(() -> dispatcher.store.deliveries(webhookId, status, page));
    }

    @Override
    public Delivery redeliver(String webhookId, String deliveryId) {
        find(webhookId).orElseThrow(() -> new NotFoundException("Webhook", webhookId));
        Instant now = now();
        if (!sql(() -> dispatcher.store.redeliver(webhookId, deliveryId, now, dispatcher.retryUntil(now)))) {
            throw new NotFoundException("Delivery", deliveryId);
        }
        return sql(() -> dispatcher.store.delivery(webhookId, deliveryId)).orElseThrow();
    }

    private record Checked(String url, List<String> topics, String description, boolean active) {
    }

    private Checked check(WebhookDraft draft) {
        if (draft == null) {
            throw new ValidationException("body", "is required: {url, topics[], description?, active?}");
        }
        if (draft.url() == null || draft.url().isBlank()) {
            throw new ValidationException("url", "is required");
        }
        if (draft.url().length() > 2000) {
            throw new ValidationException("url", "must be at most 2000 characters");
        }
        dispatcher.checkTarget(draft.url());
        if (draft.topics() == null || draft.topics().isEmpty()) {
            throw new ValidationException("topics", "must list at least one topic, e.g. calmdesk/ticket/* or calmdesk/*");
        }
        LinkedHashSet<String> topics = new LinkedHashSet<>();
        for (int i = 0; i < draft.topics().size(); i++) {
            String topic = draft.topics().get(i);
            if (topic == null || !EventLog.TOPIC_PATTERN.matcher(topic.trim()).matches()) {
                throw new ValidationException("topics[" + i + "]", "must be a topic such as calmdesk/ticket/RESOLVED, or a prefix"
                        + " ending in * such as calmdesk/ticket/*");
            }
            topics.add(topic.trim());
        }
        if (String.join(",", topics).length() > 2000 || topics.size() > 50) {
            throw new ValidationException("topics", "at most 50 topics");
        }
        if (draft.description() != null && draft.description().length() > 500) {
            throw new ValidationException("description", "must be at most 500 characters");
        }
        return new Checked(draft.url().trim(), new ArrayList<>(topics), draft.description(), draft.active() == null || draft.active());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private interface Sql<T> {
        T run() throws SQLException;
    }

    private static <T> T sql(Sql<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("Webhook storage failed", e);
        }
    }
}
