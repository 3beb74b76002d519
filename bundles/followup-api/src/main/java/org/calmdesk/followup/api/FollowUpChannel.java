package org.calmdesk.followup.api;

/** How the customer is contacted. */
public enum FollowUpChannel {
    PHONE, EMAIL, SMS, VISIT, CHAT
}
