package org.calmdesk.survey.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.calmdesk.customer.api.TimelineContributor;
import org.calmdesk.customer.api.TimelineEntry;
import org.calmdesk.survey.api.SurveyAnswer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Survey answers in the customer timeline. */
@Component(service = TimelineContributor.class)
public class SurveyTimelineContributor implements TimelineContributor {

    private static final int MAX_SUMMARY = 300;

    private final InvitationStore invitations;

    @Activate
    public SurveyTimelineContributor(@Reference InvitationStore invitations) {
        this.invitations = invitations;
    }

    @Override
    public String module() {
        return "survey";
    }

    @Override
    public List<TimelineEntry> entries(String customerId, int limit) {
        return invitations.recentAnswersOfCustomer(customerId, limit).stream()
                .map(a -> new TimelineEntry(a.respondedAt(), module(), "SURVEY_ANSWERED", a.id(), summary(a))).toList();
    }

    private static String summary(SurveyAnswer answer) {
        String text = "Survey answered: " + answer.answers().entrySet().stream()
                .map((Map.Entry<String, Object> e) -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        return text.length() > MAX_SUMMARY ? text.substring(0, MAX_SUMMARY) + "…" : text;
    }
}
