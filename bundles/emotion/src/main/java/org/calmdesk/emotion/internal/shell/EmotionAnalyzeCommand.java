package org.calmdesk.emotion.internal.shell;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.calmdesk.emotion.api.EmotionAnalysis;
import org.calmdesk.emotion.api.Signal;
import org.calmdesk.emotion.internal.EmotionModule;
import org.calmdesk.emotion.internal.LanguageDetector;

@Command(scope = "calmdesk", name = "emotion-analyze", description = "Read the emotion in a text with the highest-ranked analyzer")
@Service
public class EmotionAnalyzeCommand implements Action {

    @Reference
    EmotionModule module;

    @Option(name = "--language", description = "zh or en (detected when absent)")
    String language;

    @Argument(index = 0, name = "text", required = true, multiValued = true, description = "The text (quote it, or give several words)")
    List<String> words;

    @Override
    public Object execute() {
        String text = String.join(" ", words);
        if (text.isBlank()) {
            System.out.println("Nothing to analyze.");
            return null;
        }
        String lang = language == null ? LanguageDetector.detect(text) : language;
        EmotionAnalysis analysis = module.analyzer().analyze(text, lang);
        ShellTable table = new ShellTable();
        table.column("Label");
        table.column("Intensity");
        table.column("Negativity");
        table.column("Signals");
        table.column("Analyzer");
        table.column("Language");
        table.addRow().addContent(analysis.label(), String.format("%.2f", analysis.intensity()), analysis.negativity(),
                analysis.signals().stream().map(Signal::name).sorted().collect(Collectors.joining(",")),
                analysis.analyzer(), lang);
        table.print(System.out);
        return null;
    }
}
