package org.calmdesk.customer.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.JoinColumn;
import javax.persistence.OrderColumn;
import javax.persistence.Table;
import javax.persistence.Version;

import org.calmdesk.customer.api.Customer;
import org.calmdesk.customer.api.CustomerDraft;
import org.calmdesk.customer.api.Temperament;
import org.eclipse.persistence.annotations.BatchFetch;
import org.eclipse.persistence.annotations.BatchFetchType;

@Entity
@Table(name = "customer_record", indexes = {
        @Index(name = "customer_record_segment_ix", columnList = "segment,id"),
        @Index(name = "customer_record_temperament_ix", columnList = "temperament,id"),
        @Index(name = "customer_record_merged_into_ix", columnList = "merged_into"),
        @Index(name = "customer_record_phone_norm_ix", columnList = "phone_normalized,id"),
        @Index(name = "customer_record_email_norm_ix", columnList = "email_normalized,id"),
        @Index(name = "customer_record_name_norm_ix", columnList = "name_normalized,id") })
public class CustomerEntity {

    @Id
    @Column(length = 36)
    private String id;

    /** The client CRM's own id; unique when present (erasure clears it). */
    @Column(name = "external_ref", length = 100, unique = true)
    private String externalRef;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(length = 254)
    private String email;

    @Column(length = 40)
    private String phone;

    @Column(length = 35)
    private String language;

    @Column(length = 50)
    private String segment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Temperament temperament = Temperament.UNKNOWN;

    @Column(name = "negativity_score", nullable = false)
    private int negativityScore;

    /** Who set the temperament: AGENT (explicitly, through create/update) or INFERRED (the emotion module); null when never set. */
    @Column(name = "temperament_source", length = 10)
    private String temperamentSource;

    /** Fingerprint of the evidence behind the emotion module's latest reading. */
    @Column(name = "profile_evidence", length = 100)
    private String profileEvidence;

    /** The evidence fingerprint when an agent chose the temperament: the choice stands until the evidence differs. */
    @Column(name = "agent_evidence", length = 100)
    private String agentEvidence;

    @ElementCollection(fetch = FetchType.EAGER)
    @BatchFetch(BatchFetchType.IN)
    @CollectionTable(name = "customer_tag", joinColumns = @JoinColumn(name = "customer_id"),
            indexes = @Index(name = "customer_tag_customer_ix", columnList = "customer_id"))
    @OrderColumn(name = "position")
    @Column(name = "tag", length = 50)
    private List<String> tags = new ArrayList<>();

    @Column(length = 10_000)
    private String notes;

    /**
     * The tags again, delimited ({@code \u0001vip\u0001bank\u0001}), for the tag filter: a per-row
     * LIKE lets the database walk the id order and stop after one page, where a join on a common
     * tag made it collect and sort every match.
     */
    @Column(name = "tag_filter", length = 1600)
    private String tagFilter;

    /** Lower-cased name, email, phone (also as bare digits) and external ref, for {@code q}. */
    @Column(name = "search_text", length = 700)
    private String searchText;

    /** When personal data was erased; null for a live record. (No boolean column: EclipseLink 2.7 binds them as integers, which H2 2.x rejects.) */
    @Column(name = "erased_at")
    private Instant erasedAt;

    /** The customer this one was merged into; null unless merged (then this row is a tombstone lists leave out). */
    @Column(name = "merged_into", length = 36)
    private String mergedInto;

    /** {@link ContactKeys#phone}, {@link ContactKeys#email} and {@link ContactKeys#name}: duplicate detection's indexed keys. */
    @Column(name = "phone_normalized", length = 40)
    private String phoneNormalized;

    @Column(name = "email_normalized", length = 254)
    private String emailNormalized;

    @Column(name = "name_normalized", length = 200)
    private String nameNormalized;

    /** {@link NameSound}: the name as pinyin, so homophone spellings of one name find each other. */
    @Column(name = "name_sound", length = 400)
    private String nameSound;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected CustomerEntity() {
    }

    CustomerEntity(String id, Instant now) {
        this.id = id;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void apply(CustomerDraft draft, Instant now) {
        externalRef = blankToNull(draft.externalRef());
        name = draft.name().trim();
        email = blankToNull(draft.email());
        phone = blankToNull(draft.phone());
        language = blankToNull(draft.language());
        segment = blankToNull(draft.segment());
        applyTemperament(draft.temperament());
        tags.clear();
        if (draft.tags() != null) {
            draft.tags().stream().map(String::trim).distinct().forEach(tags::add);
        }
        notes = blankToNull(draft.notes());
        tagFilter = tagFilterOf(tags);
        searchText = searchTextOf(name, email, phone, externalRef);
        normalise();
        updatedAt = now;
    }

    private void normalise() {
        phoneNormalized = ContactKeys.phone(phone);
        emailNormalized = ContactKeys.email(email);
        nameNormalized = ContactKeys.name(name);
        nameSound = NameSound.of(name);
    }

    /** Makes this customer a tombstone pointing at {@code target}; its externalRef is kept as an alias unless moved. */
    void mergeInto(String target, Instant now) {
        mergedInto = target;
        updatedAt = now;
    }

    /** Takes {@code ref} (a merged customer's) as this customer's own, which had none. */
    void adoptExternalRef(String ref, Instant now) {
        externalRef = ref;
        searchText = searchTextOf(name, email, phone, externalRef);
        updatedAt = now;
    }

    /** Gives up the external ref (to the customer it was merged into). */
    void releaseExternalRef() {
        externalRef = null;
        searchText = searchTextOf(name, email, phone, externalRef);
    }

    String mergedInto() {
        return mergedInto;
    }

    static final String SOURCE_AGENT = "AGENT";
    static final String SOURCE_INFERRED = "INFERRED";

    /**
     * An agent's temperament: a new value is an explicit choice (it wins over the inference until
     * the evidence changes); the same value changes nothing; none keeps an inferred value (else
     * UNKNOWN); an explicit UNKNOWN clears the choice.
     */
    private void applyTemperament(Temperament given) {
        if (given == null) {
            if (!SOURCE_INFERRED.equals(temperamentSource)) {
                temperament = Temperament.UNKNOWN;
                temperamentSource = null;
            }
        } else if (given != temperament) {
            temperament = given;
            temperamentSource = given == Temperament.UNKNOWN ? null : SOURCE_AGENT;
            agentEvidence = given == Temperament.UNKNOWN ? null : profileEvidence;
        }
    }

    /** The emotion module's reading; returns whether anything changed. */
    boolean applyEmotionalProfile(int score, Temperament inferred, String evidence, Instant now) {
        Temperament before = temperament;
        int scoreBefore = negativityScore;
        boolean agentChoiceStands = SOURCE_AGENT.equals(temperamentSource) && java.util.Objects.equals(agentEvidence, evidence);
        if (!agentChoiceStands) {
            if (inferred != Temperament.UNKNOWN) {
                temperament = inferred;
                temperamentSource = SOURCE_INFERRED;
                agentEvidence = null;
            } else if (SOURCE_INFERRED.equals(temperamentSource)) {
                temperament = Temperament.UNKNOWN; // the evidence that made it has aged out
                temperamentSource = null;
            }
        }
        negativityScore = score;
        boolean changed = before != temperament || scoreBefore != score;
        profileEvidence = evidence;
        if (changed) {
            updatedAt = now;
        }
        return changed;
    }

    String temperamentSource() {
        return temperamentSource;
    }

    /** Keeps the id and timestamps so references from tickets stay valid; drops everything personal. */
    void erase(Instant now) {
        externalRef = null;
        name = "Erased customer";
        email = null;
        phone = null;
        language = null;
        segment = null;
        temperament = Temperament.UNKNOWN;
        negativityScore = 0;
        temperamentSource = null;
        profileEvidence = null;
        agentEvidence = null;
        tags.clear();
        notes = null;
        tagFilter = null;
        searchText = null;
        phoneNormalized = null;
        emailNormalized = null;
        nameNormalized = null;
        nameSound = null;
        erasedAt = now;
        updatedAt = now;
    }

    static String searchTextOf(String name, String email, String phone, String externalRef) {
        StringBuilder text = new StringBuilder();
        for (String part : new String[] { name, email, phone, digitsOf(phone), externalRef }) {
            if (part != null && !part.isEmpty()) {
                text.append(part.toLowerCase(Locale.ROOT)).append('\u0001');
            }
        }
        return text.length() > 700 ? text.substring(0, 700) : text.toString();
    }

    static String tagFilterOf(List<String> tags) {
        return tags.isEmpty() ? null : TAG_DELIMITER + String.join(TAG_DELIMITER, tags) + TAG_DELIMITER;
    }

    static final String TAG_DELIMITER = "\u0001";

    static String digitsOf(String phone) {
        return phone == null ? null : phone.replaceAll("[^0-9]", "");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    Customer toDto() {
        return new Customer(id, externalRef, name, email, phone, language, segment, temperament, negativityScore,
                List.copyOf(tags), notes, erasedAt != null, mergedInto, createdAt, updatedAt, version);
    }

    String id() {
        return id;
    }

    String externalRef() {
        return externalRef;
    }

    boolean erased() {
        return erasedAt != null;
    }

    long version() {
        return version;
    }
}
