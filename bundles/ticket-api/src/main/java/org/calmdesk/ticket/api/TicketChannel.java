package org.calmdesk.ticket.api;

/** Where the complaint came in. */
public enum TicketChannel {
    PHONE, EMAIL, CHAT, IN_PERSON, SOCIAL, OTHER
}
