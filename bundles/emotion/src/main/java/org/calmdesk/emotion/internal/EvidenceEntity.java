package org.calmdesk.emotion.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

import org.calmdesk.core.EmotionLabel;

/** One contact that tells something about a customer's emotional profile: a ticket, an interaction, a reopening. */
@Entity
@Table(name = "emotion_evidence", indexes = @Index(name = "emotion_evidence_customer_ix", columnList = "customer_id,at"))
public class EvidenceEntity {

    /** {@code <kind>:<refId>}: a redelivered event finds its row and changes nothing. */
    @Id
    @Column(length = 80)
    private String id;

    @Column(name = "customer_id", nullable = false, length = 36)
    private String customerId;

    @Column(nullable = false, length = 12)
    private String kind;

    @Column(name = "ref_id", nullable = false, length = 64)
    private String refId;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false, length = 20)
    private String label;

    @Column(nullable = false)
    private double intensity;

    @Column(nullable = false)
    private int negativity;

    /** Signal names, comma-separated. */
    @Column(length = 200)
    private String signals;

    @Column(nullable = false)
    private int exclamations;

    /** 1 when the text shouted (ALL CAPS); an int, as EclipseLink 2.7 binds booleans as integers. */
    @Column(nullable = false)
    private int shouting;

    /** How much the customer explained: characters, a Han character counting three. */
    @Column(name = "detail_length", nullable = false)
    private int detailLength;

    protected EvidenceEntity() {
    }

    EvidenceEntity(ProfileRule.Evidence evidence, String customerId) {
        this.id = evidence.kind() + ":" + evidence.refId();
        this.customerId = customerId;
        this.kind = evidence.kind().name();
        this.refId = evidence.refId();
        this.at = evidence.at();
        this.label = evidence.label().name();
        this.intensity = evidence.intensity();
        this.negativity = evidence.negativity();
        this.signals = evidence.signals().isEmpty() ? null : String.join(",", new TreeSet<>(evidence.signals()));
        this.exclamations = evidence.exclamations();
        this.shouting = evidence.shouting() ? 1 : 0;
        this.detailLength = evidence.detailLength();
    }

    static String idOf(ProfileRule.Kind kind, String refId) {
        return kind + ":" + refId;
    }

    ProfileRule.Evidence toEvidence() {
        Set<String> names = signals == null ? Set.of() : Set.copyOf(Arrays.asList(signals.split(",")));
        return new ProfileRule.Evidence(ProfileRule.Kind.valueOf(kind), refId, at, EmotionLabel.valueOf(label), intensity,
                negativity, names, exclamations, shouting == 1, detailLength);
    }
}
