package org.calmdesk.survey.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "calmdesk.survey", name = "Calmdesk surveys",
        description = "How long invitations stay valid, how the open answer endpoints are protected, and how surveys "
                + "after heated tickets are timed. Changes apply live.")
public @interface SurveyConfig {

    @AttributeDefinition(name = "Invitation validity", description = "ISO-8601 period or duration after which an unanswered invitation expires, e.g. P7D or PT12H.")
    String invitationValidity() default "P7D";

    @AttributeDefinition(name = "Unknown-token guesses per minute per client address",
            description = "Requests to the open /survey-responses endpoints with a token that does not exist, allowed per "
                    + "client address and minute; more answer 429. Requests with real tokens never count here, so a "
                    + "guesser behind a NAT does not lock out respondents behind it. 0 turns the limit off.")
    int invalidTokenGuessesPerMinute() default 20;

    @AttributeDefinition(name = "Requests per minute per invitation token",
            description = "Requests to the open endpoints for one real token allowed per minute, from any address; 0 turns the limit off.")
    int requestsPerTokenPerMinute() default 30;

    @AttributeDefinition(name = "Trust X-Forwarded-For",
            description = "Take the client address from X-Forwarded-For (only behind a proxy that sets it).")
    boolean trustForwardedFor() default false;

    @AttributeDefinition(name = "Largest answer (bytes)", description = "Bigger answer bodies are refused with 413 before they are parsed.")
    int maxAnswerBytes() default 16_384;

    @AttributeDefinition(name = "Default channel", description = "Channel of invitations sent for resolved tickets whose channel has no twin.")
    String defaultChannel() default "SMS";

    @AttributeDefinition(name = "Heated negativity",
            description = "A resolved ticket whose opening negativity (from the emotion module) is at least this is heated.")
    int heatedNegativity() default 70;

    @AttributeDefinition(name = "Heated ticket policy",
            description = "NORMAL: invite as usual; DELAY: invite after heatedDelay; CALLBACK: request a call-back follow-up instead of a survey.",
            options = { @org.osgi.service.metatype.annotations.Option(label = "Invite as usual", value = "NORMAL"),
                    @org.osgi.service.metatype.annotations.Option(label = "Delay the invitation", value = "DELAY"),
                    @org.osgi.service.metatype.annotations.Option(label = "Call back instead", value = "CALLBACK") })
    String heatedPolicy() default "NORMAL";

    @AttributeDefinition(name = "Heated delay", description = "ISO-8601 duration a heated ticket's invitation waits with DELAY, e.g. P2D.")
    String heatedDelay() default "P2D";

    @AttributeDefinition(name = "Check interval (seconds)", description = "How often delayed invitations that fell due are sent.")
    int checkIntervalSeconds() default 60;
}
