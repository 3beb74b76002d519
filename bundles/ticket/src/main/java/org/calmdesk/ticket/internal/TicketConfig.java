package org.calmdesk.ticket.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Ticket policy: SLA targets, the business calendar they are counted in, escalation and follow-up defaults. */
@ObjectClassDefinition(id = "calmdesk.ticket", name = "Calmdesk tickets",
        description = "SLA targets per priority (ISO-8601 durations, counted in business time), the business calendar, "
                + "escalation and the default service commitment. Changes apply live to tickets opened afterwards.")
public @interface TicketConfig {

    @AttributeDefinition(name = "First response P1", description = "Time to the first response (ACKNOWLEDGED) for P1, e.g. PT15M.")
    String firstResponseP1() default "PT15M";

    @AttributeDefinition(name = "First response P2")
    String firstResponseP2() default "PT1H";

    @AttributeDefinition(name = "First response P3")
    String firstResponseP3() default "PT4H";

    @AttributeDefinition(name = "First response P4")
    String firstResponseP4() default "PT8H";

    @AttributeDefinition(name = "Resolution P1", description = "Time to RESOLVED for P1, e.g. PT4H.")
    String resolutionP1() default "PT4H";

    @AttributeDefinition(name = "Resolution P2")
    String resolutionP2() default "PT24H";

    @AttributeDefinition(name = "Resolution P3")
    String resolutionP3() default "PT72H";

    @AttributeDefinition(name = "Resolution P4")
    String resolutionP4() default "PT120H";

    @AttributeDefinition(name = "Working days", description = "Comma-separated MON..SUN on which SLA clocks run.")
    String workingDays() default "MON,TUE,WED,THU,FRI,SAT,SUN";

    @AttributeDefinition(name = "Working hours", description = "HH:MM-HH:MM in the calendar's time zone; 00:00-24:00 is all day.")
    String workingHours() default "00:00-24:00";

    @AttributeDefinition(name = "Holidays", description = "Comma-separated ISO dates (2026-10-01) on which SLA clocks stop.")
    String holidays() default "";

    @AttributeDefinition(name = "Time zone", description = "Zone of the working hours and holidays, e.g. Asia/Shanghai.")
    String timeZone() default "UTC";

    @AttributeDefinition(name = "Escalation step",
            description = "After a breach the escalation level rises by one, then by one more each time this much more time has passed (up to 3).")
    String escalationStep() default "PT1H";

    @AttributeDefinition(name = "Breach check interval (seconds)", description = "How often the background check looks for breaches.")
    int checkIntervalSeconds() default 30;

    @AttributeDefinition(name = "Follow-up after", description = "Default delay from RESOLVED to the promised follow-up, e.g. P2D.")
    String followUpAfter() default "P2D";

    @AttributeDefinition(name = "Default commitment (English)", description = "The promise recorded on RESOLVED when the agent gives none.")
    String defaultCommitment() default "We will contact you again to make sure the problem is solved to your satisfaction.";

    @AttributeDefinition(name = "Default commitment (Chinese)")
    String defaultCommitmentZh() default "我们会再次回访您，确认问题已经圆满解决。";

    @AttributeDefinition(name = "VIP segments", description = "Comma-separated customer segments that raise the derived priority by one step.")
    String vipSegments() default "vip";
}
