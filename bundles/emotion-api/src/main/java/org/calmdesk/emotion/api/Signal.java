package org.calmdesk.emotion.api;

/** Escalation signals worth acting on, whatever the emotion (DOMAIN.md). */
public enum Signal {
    /** Insults or abusive language towards staff. */
    ABUSE,
    /** A threat to complain to a regulator (银保监会, 消协, 12315 ...). */
    REGULATOR_THREAT,
    /** A threat to go to the media or expose the company online (曝光, 媒体 ...). */
    MEDIA_THREAT,
    /** A threat of legal action (起诉, lawyer ...). */
    LEGAL_THREAT,
    /** The customer says they have contacted the company about this before. */
    REPEAT_CONTACT,
    /** The customer needs it handled now. */
    URGENCY
}
