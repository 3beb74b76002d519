package org.calmdesk.emotion.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The emotion module's configuration (PID {@code calmdesk.emotion}); every change applies live. */
@ObjectClassDefinition(id = "calmdesk.emotion", name = "Calmdesk emotion-aware service",
        description = "The offline analyzer's client lexicon, the customer profile window, playbooks, and staff exposure: "
                + "the hostile-ticket threshold, the assignment helper, cool-down and caps. Changes apply live.")
public @interface EmotionConfig {

    @AttributeDefinition(name = "Maximum text length", description = "POST /emotion/analyze answers 400 beyond this many characters.")
    int maxTextLength() default 10_000;

    @AttributeDefinition(name = "Extra lexicon files",
            description = "Comma-separated UTF-8 files (term<TAB>CATEGORY<TAB>weight per line), relative to Karaf's etc; "
                    + "they extend or override the bundled Chinese and English lexicons.")
    String extraLexicon() default "";

    @AttributeDefinition(name = "Extra terms",
            description = "Inline lexicon entries term|CATEGORY|weight separated by ';' (categories: ANGER, DISAPPOINTMENT, "
                    + "ANXIETY, SATISFIED, NEGATOR, INTENSIFIER, DIMINISHER, CONTRAST, ABUSE, REGULATOR_THREAT, MEDIA_THREAT, "
                    + "LEGAL_THREAT, REPEAT_CONTACT, URGENCY, NONE, IGNORE).")
    String extraTerms() default "";

    @AttributeDefinition(name = "Hostile negativity", description = "A ticket whose negativity is at least this (or that carries ABUSE) is hostile.")
    int hostileNegativity() default 70;

    @AttributeDefinition(name = "Exposure threshold", description = "Hostile tickets per agent and day; reaching it posts EXPOSURE_THRESHOLD_CROSSED once.")
    int exposureThreshold() default 5;

    @AttributeDefinition(name = "Time zone", description = "Zone in which an agent's day starts and ends, e.g. Asia/Shanghai.")
    String timeZone() default "UTC";

    @AttributeDefinition(name = "Profile window (days)", description = "Contacts older than this no longer count for a customer's profile.")
    int profileWindowDays() default 90;

    @AttributeDefinition(name = "Profile half-life (days)", description = "A contact this old weighs half as much in the negativity score.")
    int profileHalfLifeDays() default 30;

    @AttributeDefinition(name = "Assignment helper", description = "Give tickets opened without an assignee to the least-exposed available agent.")
    boolean assignmentEnabled() default false;

    @AttributeDefinition(name = "Agents", description = "Comma-separated roster of agents the assignment helper may choose from.")
    String agents() default "";

    @AttributeDefinition(name = "Cool-down (minutes)", description = "After an abusive contact an agent gets no new tickets from the helper for this long; 0 = none.")
    int coolDownMinutes() default 30;

    @AttributeDefinition(name = "Cap of open high-intensity tickets", description = "The helper skips agents with this many open high-intensity tickets; 0 = no cap.")
    int maxOpenHighIntensity() default 0;

    @AttributeDefinition(name = "High intensity", description = "A negative ticket of at least this emotion intensity (0.0-1.0) counts towards the cap.")
    String highIntensity() default "0.7";

    @AttributeDefinition(name = "Playbook file", description = "A JSON playbook replacing the bundled one (same shape), relative to Karaf's etc; empty = bundled.")
    String playbookFile() default "";
}
