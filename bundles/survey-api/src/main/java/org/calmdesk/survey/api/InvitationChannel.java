package org.calmdesk.survey.api;

/** How the invitation link reaches the customer (delivery is the integrating CRM's, on {@code calmdesk/survey/INVITED}). */
public enum InvitationChannel {
    EMAIL, SMS, CHAT, PHONE, APP
}
