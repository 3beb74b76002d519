package org.calmdesk.survey.internal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import javax.ws.rs.WebApplicationException;

import org.calmdesk.core.error.ValidationException;
import org.calmdesk.survey.internal.SurveyAnswers;

/** Reads an answer body of at most {@code maxBytes} (413 beyond, before anything is parsed). */
final class SubmissionReader {

    private SubmissionReader() {
    }

    static Map<String, Object> read(InputStream body, int maxBytes) {
        if (body == null) {
            throw new ValidationException("body", "is required");
        }
        try {
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new WebApplicationException(413);
            }
            if (bytes.length == 0) {
                throw new ValidationException("body", "is required");
            }
            return SurveyAnswers.parse(bytes);
        } catch (IOException e) {
            throw new ValidationException("body", "could not be read");
        }
    }
}
