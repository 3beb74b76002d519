package org.calmdesk.survey.internal;

import java.util.Map;

/** The answer-body parser, for the REST package. */
public final class SurveyAnswers {

    private SurveyAnswers() {
    }

    public static Map<String, Object> parse(byte[] body) {
        return Questions.parseSubmission(body);
    }
}
