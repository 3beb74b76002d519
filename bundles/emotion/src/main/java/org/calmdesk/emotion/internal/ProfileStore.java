package org.calmdesk.emotion.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.calmdesk.core.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The per-customer evidence table ({@code emotion_evidence}) and the profile read from it (a
 * service of the bundle's internal package only).
 */
@Component(service = ProfileStore.class)
public class ProfileStore {

    private final Transactions tx;

    @Activate
    public ProfileStore(@Reference(target = "(osgi.unit.name=calmdesk.emotion)") EntityManagerFactory emf) {
        this.tx = new Transactions(emf);
    }

    /**
     * Runs {@code work} as one transaction of this unit: the store's writes it makes join it, and
     * so do the events it appends ({@link org.calmdesk.core.events.EventLog#append}); retried whole
     * when it lost a race.
     */
    <T> T atomically(java.util.function.Supplier<T> work) {
        return tx.inTransaction(em -> work.get());
    }

    /** Records the evidence once (a redelivered event changes nothing); returns whether it was new. */
    boolean record(String customerId, ProfileRule.Evidence evidence) {
        return tx.inTransaction(em -> {
            if (em.find(EvidenceEntity.class, EvidenceEntity.idOf(evidence.kind(), evidence.refId())) != null) {
                return false;
            }
            em.persist(new EvidenceEntity(evidence, customerId));
            return true;
        });
    }

    ProfileRule.Profile profile(String customerId, Instant now, Duration window, Duration halfLife) {
        List<ProfileRule.Evidence> evidence = tx.read(em -> em.createQuery(
                "SELECT e FROM EvidenceEntity e WHERE e.customerId = :c AND e.at >= :since ORDER BY e.at", EvidenceEntity.class)
                .setParameter("c", customerId).setParameter("since", now.minus(window)).setMaxResults(1000)
                .getResultList().stream().map(EvidenceEntity::toEvidence).toList());
        return ProfileRule.infer(evidence, now, window, halfLife);
    }

    /** Moves a merged customer's evidence to the customer they were merged into; again, it moves nothing. */
    int moveCustomer(String sourceId, String targetId) {
        return tx.inTransaction(em -> em.createQuery("UPDATE EvidenceEntity e SET e.customerId = :target WHERE e.customerId = :source")
                .setParameter("target", targetId).setParameter("source", sourceId).executeUpdate());
    }

    /** Drops what the module knows about an erased customer. */
    int forget(String customerId) {
        return tx.inTransaction(em -> em.createQuery("DELETE FROM EvidenceEntity e WHERE e.customerId = :c")
                .setParameter("c", customerId).executeUpdate());
    }
}
