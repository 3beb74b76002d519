package org.calmdesk.emotion.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.calmdesk.core.EmotionLabel;
import org.calmdesk.emotion.api.EmotionAnalysis;
import org.calmdesk.emotion.api.EmotionAnalyzer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default, offline {@link EmotionAnalyzer}: bundled Chinese and English lexicons plus the
 * client's extension ({@code extraLexicon} files, {@code extraTerms}), rebuilt live on a
 * configuration change (a bad extension is logged and the previous lexicon stays).
 * <p>
 * Its {@code service.ranking} is -100, below the default 0: a client bundle that registers its own
 * analyzer, even without naming a ranking, takes over at once; unregistering it brings this one
 * back.
 */
@Component(service = { EmotionAnalyzer.class, DefaultEmotionAnalyzer.class }, configurationPid = "calmdesk.emotion",
        property = { "service.ranking:Integer=-100", "calmdesk.analyzer=" + LexiconAnalyzer.NAME })
public class DefaultEmotionAnalyzer implements EmotionAnalyzer {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultEmotionAnalyzer.class);
    /** Text beyond this is not read on the ticket path (the REST endpoint rejects it earlier). */
    static final int READ_LIMIT = 20_000;

    private volatile LexiconAnalyzer analyzer;

    public DefaultEmotionAnalyzer() {
        this.analyzer = new LexiconAnalyzer(Lexicons.defaults());
    }

    @Activate
    @Modified
    void configure(EmotionConfig config) {
        List<String> files = Arrays.stream(config.extraLexicon().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        String inline = config.extraTerms();
        if (files.isEmpty() && (inline == null || inline.isBlank())) {
            analyzer = new LexiconAnalyzer(Lexicons.defaults());
            return;
        }
        try {
            Lexicon lexicon = Lexicons.extended(files, inline, karafEtc());
            analyzer = new LexiconAnalyzer(lexicon);
            LOG.info("Emotion lexicon extended by {} file(s) and inline terms: {} terms", files.size(), lexicon.size());
        } catch (IllegalArgumentException e) {
            LOG.error("Emotion lexicon extension rejected, the previous lexicon stays in force: {}", e.getMessage());
        }
    }

    static Path karafEtc() {
        String etc = System.getProperty("karaf.etc");
        return etc == null ? null : Path.of(etc);
    }

    @Override
    public EmotionAnalysis analyze(String text, String language) {
        if (text == null || text.isBlank()) {
            return new EmotionAnalysis(EmotionLabel.NEUTRAL, 0.0, 25, null, LexiconAnalyzer.NAME);
        }
        return analyzer.analyze(text.length() > READ_LIMIT ? text.substring(0, READ_LIMIT) : text);
    }

    /** Chinese when the text has more Han characters than Latin words, else English. */
    static String detectLanguage(String text) {
        int han = 0;
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                han++;
                inWord = false;
            } else if (Character.isLetter(c)) {
                if (!inWord) {
                    words++;
                }
                inWord = true;
            } else {
                inWord = false;
            }
        }
        return han > 0 && han >= words ? "zh" : "en";
    }
}
