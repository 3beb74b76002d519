package org.calmdesk.survey.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.calmdesk.core.error.FieldError;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.survey.api.Question;
import org.calmdesk.survey.api.QuestionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuestionsTest {

    static final List<Question> QUESTIONS = List.of(
            new Question("csat", QuestionType.CSAT, "满意吗？", null, true, null),
            new Question("nps", QuestionType.NPS, "推荐吗？", null, true, null),
            new Question("speed", QuestionType.RATING, "速度", null, false, 10),
            new Question("channel", QuestionType.CHOICE, "渠道", List.of("电话", "网点"), false, null),
            new Question("comment", QuestionType.TEXT, "建议", null, false, null));

    private static List<String> fields(ValidationException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void templatesNeedUniqueKeysAndOptionsExactlyForChoice() {
        ValidationException e = assertThrows(ValidationException.class, () -> Questions.checkTemplate(List.of(
                new Question("a", QuestionType.CSAT, "x", null, true, null),
                new Question("a", QuestionType.NPS, "y", null, true, null),
                new Question("b", QuestionType.CHOICE, "z", List.of("only one"), true, null),
                new Question("c", QuestionType.TEXT, "t", List.of("x", "y"), true, null),
                new Question("d", QuestionType.CSAT, "s", null, true, 7),
                new Question("e", QuestionType.CHOICE, "d", List.of("same", "same"), true, null))));
        assertEquals(List.of("questions[1].key", "questions[2].options", "questions[3].options", "questions[4].scale",
                "questions[5].options"), fields(e));
        Questions.checkTemplate(QUESTIONS);
    }

    @Test
    void validAnswersAreNormalised() {
        Map<String, Object> clean = Questions.checkAnswers(QUESTIONS, Map.of("csat", 5, "nps", new BigDecimal("10"), "speed", 10L,
                "channel", " 网点 ", "comment", "  很好  "));
        assertEquals(Map.of("csat", 5, "nps", 10, "speed", 10, "channel", "网点", "comment", "很好"), clean);
        assertEquals(Map.of("csat", 1, "nps", 0), Questions.checkAnswers(QUESTIONS, Map.of("csat", 1, "nps", 0)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(textBlock = """
            csat, 0
            csat, 6
            csat, 4.5
            nps, -1
            nps, 11
            speed, 11
            speed, 0
            """)
    void outOfRangeOrFractionalNumbersAreRefused(String key, String value) {
        Map<String, Object> answers = new HashMap<>(Map.of("csat", 3, "nps", 5));
        answers.put(key, new BigDecimal(value));
        assertEquals(List.of("answers." + key), fields(assertThrows(ValidationException.class,
                () -> Questions.checkAnswers(QUESTIONS, answers))));
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        ValidationException e = assertThrows(ValidationException.class, () -> Questions.checkAnswers(QUESTIONS,
                Map.of("nps", "ten", "channel", "邮件", "comment", "x".repeat(Questions.MAX_TEXT + 1), "extra", 1)));
        assertEquals(List.of("answers.csat", "answers.nps", "answers.channel", "answers.comment", "answers.extra"), fields(e));
        assertEquals(List.of("answers.csat", "answers.nps"), fields(assertThrows(ValidationException.class,
                () -> Questions.checkAnswers(QUESTIONS, Map.of()))));
        assertEquals(List.of("answers"), fields(assertThrows(ValidationException.class, () -> Questions.checkAnswers(
                List.of(new Question("c", QuestionType.TEXT, "t", null, false, null)), Map.of()))));
    }

    @Test
    void submissionBodiesAreParsedOrRefused() {
        assertEquals(Map.of("csat", 4), Questions.parseSubmission("{\"answers\":{\"csat\":4}}".getBytes()));
        assertEquals("body", assertThrows(ValidationException.class, () -> Questions.parseSubmission("{\"answers\":".getBytes()))
                .errors().get(0).field());
        assertEquals("answers", assertThrows(ValidationException.class, () -> Questions.parseSubmission("{\"csat\":4}".getBytes()))
                .errors().get(0).field());
    }
}
