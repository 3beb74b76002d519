package org.calmdesk.survey.api;

/** MANUAL: invitations are sent by hand; TICKET_RESOLVED: the customer of every resolved ticket is invited. */
public enum SurveyTrigger {
    MANUAL, TICKET_RESOLVED
}
