package org.calmdesk.core;

/** The emotions Calmdesk recognises in a customer's words (DOMAIN.md, seed 001). */
public enum EmotionLabel {
    ANGER, DISAPPOINTMENT, ANXIETY, NEUTRAL, SATISFIED;

    public boolean isNegative() {
        return this == ANGER || this == DISAPPOINTMENT || this == ANXIETY;
    }
}
