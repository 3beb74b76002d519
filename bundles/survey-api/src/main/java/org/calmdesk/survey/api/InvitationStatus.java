package org.calmdesk.survey.api;

/** SENT until answered (RESPONDED) or past {@code expiresAt} (EXPIRED). */
public enum InvitationStatus {
    SENT, RESPONDED, EXPIRED
}
