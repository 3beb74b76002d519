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

/** {@code /api/v1/emotion}: the "Emotion" section of the REST contract. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EmotionResource {

    /** {@code POST /emotion/analyze}: {@code language} is {@code zh} or {@code en} (a region such as zh-CN is accepted), detected when absent. */
    public record AnalyzeRequest(String text, String language) {
    }

    /** The analysis, the analyzer that made it, and the language it was read as. */
    public record AnalyzeResponse(String label, double intensity, int negativity, List<String> signals, String analyzer,
            String language) {
    }

    private final Supplier<EmotionAnalyzer> analyzer;
    private final Supplier<Integer> maxLength;

    public EmotionResource(Supplier<EmotionAnalyzer> analyzer, Supplier<Integer> maxLength) {
        this.analyzer = analyzer;
        this.maxLength = maxLength;
    }

    @POST
    @Path("analyze")
    @Operation(summary = "Read the emotion in a customer's words: label, intensity, negativity 0-100 and escalation signals")
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
