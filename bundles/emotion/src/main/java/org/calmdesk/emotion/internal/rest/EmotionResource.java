package org.calmdesk.emotion.internal.rest;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.calmdesk.core.error.FieldError;
import org.calmdesk.core.error.ValidationException;
import org.calmdesk.emotion.api.EmotionAnalysis;
import org.calmdesk.emotion.api.EmotionAnalyzer;
import org.calmdesk.emotion.api.Signal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/emotion}: the "Emotion" section of the REST contract. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "emotion", description = "Emotion-aware service: an offline Chinese/English analyzer, customer temperament "
        + "and negativity, and staff exposure to hostile tickets")
public class EmotionResource {

    /** {@code POST /emotion/analyze}: {@code language} is {@code zh} or {@code en} (a region such as zh-CN is accepted), detected when absent. */
    public record AnalyzeRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 10_000,
            description = "The customer's words (at most maxTextLength characters, 10 000 by default)") String text,
            @Schema(description = "zh or en (a region such as zh-CN is accepted); detected when absent", example = "zh") String language) {
    }

    /** The analysis, the analyzer that made it, and the language it was read as. */
    public record AnalyzeResponse(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = { "ANGER", "DISAPPOINTMENT", "ANXIETY", "NEUTRAL", "SATISFIED" }) String label,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = "1") double intensity,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = "100") int negativity,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Escalation signals such as ABUSE, REGULATOR_THREAT, "
                    + "MEDIA_THREAT, LEGAL_THREAT, REPEAT_CONTACT, URGENCY") List<String> signals,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String analyzer,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "zh") String language) {
    }

    private final Supplier<EmotionAnalyzer> analyzer;
    private final Supplier<Integer> maxLength;

    public EmotionResource(Supplier<EmotionAnalyzer> analyzer, Supplier<Integer> maxLength) {
        this.analyzer = analyzer;
        this.maxLength = maxLength;
    }

    @POST
    @Path("analyze")
    @Operation(operationId = "analyzeEmotion", summary = "Read the emotion in a customer's words: label, intensity, negativity 0-100 and escalation signals")
    public AnalyzeResponse analyze(AnalyzeRequest request) {
        String text = request == null ? null : request.text();
        int max = maxLength.get();
        if (text == null || text.isBlank()) {
            throw new ValidationException("text", "must not be blank");
        }
        if (text.length() > max) {
            throw new ValidationException("text", "must be at most " + max + " characters");
        }
        String language = language(request.language(), text);
        EmotionAnalysis analysis = analyzer.get().analyze(text, language);
        return new AnalyzeResponse(analysis.label().name(), analysis.intensity(), analysis.negativity(),
                analysis.signals().stream().map(Signal::name).sorted().toList(), analysis.analyzer(), language);
    }

    static String language(String given, String text) {
        if (given == null || given.isBlank()) {
            return org.calmdesk.emotion.internal.LanguageDetector.detect(text);
        }
        String primary = given.trim().toLowerCase(Locale.ROOT).split("[-_]")[0];
        if (!primary.equals("zh") && !primary.equals("en")) {
            throw new ValidationException(List.of(new FieldError("language", "must be zh or en (or absent to detect it)")));
        }
        return primary;
    }
}
