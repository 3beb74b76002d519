package org.calmdesk.customer.api;

/** Channels a service interaction happens on. */
public enum InteractionChannel {
    PHONE, EMAIL, SMS, CHAT, IN_PERSON, SOCIAL, VISIT, OTHER
}
