package org.calmdesk.knowledge.internal.shell;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.calmdesk.core.error.CalmdeskException;
import org.calmdesk.knowledge.api.ImportReport;
import org.calmdesk.knowledge.api.KnowledgeService;
import org.calmdesk.rest.shell.ShellActor;

@Command(scope = "calmdesk", name = "kb-import",
        description = "Imports articles from a JSON library file, or the bundled starter library when no file is given; "
                + "articles imported before (same key) are skipped")
@Service
public class KbImportCommand implements Action {

    @Reference
    KnowledgeService knowledge;

    @Argument(index = 0, name = "file", description = "JSON array of {key, title, problem, rootCause, solution, scripts, "
            + "category, tags, language}; omit for the starter library")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--draft", description = "Import a file's articles as drafts instead of publishing them")
    boolean draft;

    @Override
    public Object execute() throws Exception {
        ImportReport report;
        try {
            if (file == null) {
                report = knowledge.importStarterLibrary(ShellActor.current());
            } else {
                try (InputStream in = Files.newInputStream(Path.of(file))) {
                    report = knowledge.importLibrary(in, !draft, ShellActor.current());
                }
            }
        } catch (NoSuchFileException e) {
            System.err.println("No such file: " + file);
            return null;
        } catch (CalmdeskException e) {
            System.err.println("Not imported: " + e.getMessage());
            return null;
        }
        System.out.printf("created: %d, already present: %d, rejected: %d%n", report.created(), report.skipped(),
                report.rejected().size());
        report.rejected().forEach(r -> System.out.println("  " + r));
        return null;
    }
}
