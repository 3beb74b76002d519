package org.calmdesk.followup.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "calmdesk.followup", name = "Calmdesk follow-ups",
        description = "When open follow-ups are checked, when reminders fire, what counts as on time, and the defaults "
                + "for follow-ups created from resolved tickets. Changes apply live.")
public @interface FollowUpConfig {

    @AttributeDefinition(name = "Check interval (seconds)",
            description = "How often pending follow-ups past due become OVERDUE and reminders are sent.")
    int checkIntervalSeconds() default 60;

    @AttributeDefinition(name = "Reminder lead time", description = "ISO-8601 duration before dueAt at which REMINDER is posted, e.g. PT1H.")
    String reminderLead() default "PT1H";

    @AttributeDefinition(name = "On-time grace", description = "A follow-up done within this long after dueAt still counts as kept on time.")
    String onTimeGrace() default "PT15M";

    @AttributeDefinition(name = "Default channel", description = "Channel of a follow-up from a ticket whose channel has no follow-up twin.")
    String defaultChannel() default "PHONE";

    @AttributeDefinition(name = "Default assignee", description = "Assignee of follow-ups from unassigned tickets; empty leaves them unassigned.")
    String defaultAssignee() default "";

    @AttributeDefinition(name = "Time zone", description = "Zone in which recurrences are counted (P1M means the same day of the month there).")
    String timeZone() default "UTC";

    @AttributeDefinition(name = "Reconcile resolved tickets",
            description = "On each check, also create the promised follow-up of recently resolved tickets whose event was missed "
                    + "(module installed later, or a failure while handling the event).")
    boolean reconcileTickets() default true;
}
