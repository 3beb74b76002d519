package org.calmdesk.survey.api;

/** Filters of the invitation list; null means "any". */
public record InvitationQuery(String customerId, String ticketId, InvitationStatus status) {
}
