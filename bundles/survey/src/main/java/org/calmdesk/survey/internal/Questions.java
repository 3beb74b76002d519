package org.calmdesk.survey.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.calmdesk.core.error.FieldError;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.survey.api.Question;
import org.calmdesk.survey.api.QuestionType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;

/** Checks templates and answers against the question rules, and stores question sets as JSON. */
final class Questions {

    static final int MAX_TEXT = 4000;
    // Its own type cache: Jackson's shared default one would keep this bundle's classes after it is uninstalled.
    private static final ObjectMapper JSON = new ObjectMapper().setTypeFactory(TypeFactory.defaultInstance().withCache(new LRUMap<>(16, 200)));

    private Questions() {
    }

    /** Beyond the bean constraints: unique keys, options exactly for CHOICE, a scale only for RATING. */
    static void checkTemplate(List<Question> questions) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            String at = "questions[" + i + "]";
            if (!keys.add(q.key())) {
                errors.add(new FieldError(at + ".key", "'" + q.key() + "' is used by another question"));
            }
            boolean hasOptions = q.options() != null && !q.options().isEmpty();
            if (q.type() == QuestionType.CHOICE) {
                if (!hasOptions || q.options().size() < 2) {
                    errors.add(new FieldError(at + ".options", "a CHOICE question needs at least 2 options"));
                } else if (new HashSet<>(q.options().stream().map(String::trim).toList()).size() != q.options().size()) {
                    errors.add(new FieldError(at + ".options", "options must be distinct"));
                }
            } else if (hasOptions) {
                errors.add(new FieldError(at + ".options", "only CHOICE questions have options"));
            }
            if (q.scale() != null && q.type() != QuestionType.RATING) {
                errors.add(new FieldError(at + ".scale", "only RATING questions have a scale"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /**
     * The answers as stored: numbers as Integer, choices and text as trimmed String. Every problem is
     * reported at once: a required answer missing, a value out of range or of the wrong kind, an
     * unknown key.
     */
    static Map<String, Object> checkAnswers(List<Question> questions, Map<String, Object> answers) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> clean = new LinkedHashMap<>();
        Map<String, Object> given = answers == null ? Map.of() : answers;
        Set<String> known = new HashSet<>();
        for (Question q : questions) {
            known.add(q.key());
            String field = "answers." + q.key();
            Object value = given.get(q.key());
            if (value == null || (value instanceof String s && s.isBlank())) {
                if (q.isRequired()) {
                    errors.add(new FieldError(field, "is required"));
                }
                continue;
            }
            switch (q.type()) {
                case CSAT, NPS, RATING -> {
                    Integer number = wholeNumber(value);
                    if (number == null) {
                        errors.add(new FieldError(field, "must be a whole number from " + q.min() + " to " + q.max()));
                    } else if (number < q.min() || number > q.max()) {
                        errors.add(new FieldError(field, "must be from " + q.min() + " to " + q.max()));
                    } else {
                        clean.put(q.key(), number);
                    }
                }
                case CHOICE -> {
                    if (!(value instanceof String s) || !q.options().contains(s.trim())) {
                        errors.add(new FieldError(field, "must be one of " + q.options()));
                    } else {
                        clean.put(q.key(), s.trim());
                    }
                }
                case TEXT -> {
                    if (!(value instanceof String s)) {
                        errors.add(new FieldError(field, "must be text"));
                    } else if (s.length() > MAX_TEXT) {
                        errors.add(new FieldError(field, "must be at most " + MAX_TEXT + " characters"));
                    } else {
                        clean.put(q.key(), s.trim());
                    }
                }
            }
        }
        given.keySet().stream().filter(k -> !known.contains(k)).sorted()
                .forEach(k -> errors.add(new FieldError("answers." + k, "is not a question of this survey")));
        if (clean.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("answers", "must answer at least one question"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return clean;
    }

    private static Integer wholeNumber(Object value) {
        if (value instanceof Integer i) {
            return i;
        }
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        if (value instanceof BigInteger b && b.bitLength() < 32) {
            return b.intValue();
        }
        if (value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0) {
            return wholeNumber(d.toBigInteger());
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e9) {
            return d.intValue();
        }
        return null;
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Question> questionsOf(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<Question>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> answersOf(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an answer body {@code {"answers": {...}}}; a malformed one is a 400 naming the body. */
    static Map<String, Object> parseSubmission(byte[] body) {
        try {
            Map<String, Object> root = JSON.readValue(body, new TypeReference<LinkedHashMap<String, Object>>() {
            });
            Object answers = root == null ? null : root.get("answers");
            if (!(answers instanceof Map<?, ?> map)) {
                throw new ValidationException("answers", "is required: an object of question key to answer");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), v));
            return result;
        } catch (IOException e) {
            throw new ValidationException("body", "is not valid JSON");
        }
    }
}
