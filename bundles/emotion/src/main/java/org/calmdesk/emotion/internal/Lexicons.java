package org.calmdesk.emotion.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads the bundled lexicon files ({@code lexicon/zh.txt}, {@code lexicon/en.txt}) and a client's extensions. */
final class Lexicons {

    static final List<String> BUNDLED = List.of("lexicon/zh.txt", "lexicon/en.txt");

    private Lexicons() {
    }

    /** The bundled entries, in file order. */
    static List<Lexicon.Entry> bundled() {
        List<Lexicon.Entry> entries = new ArrayList<>();
        for (String name : BUNDLED) {
            try (InputStream in = Lexicons.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("bundled lexicon " + name + " is missing");
                }
                entries.addAll(Lexicon.parse(new InputStreamReader(in, StandardCharsets.UTF_8), name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return entries;
    }

    /** The bundled lexicon alone. */
    static Lexicon defaults() {
        return Lexicon.of(List.of(bundled()));
    }

    /**
     * The bundled lexicon extended by client files (UTF-8, same format, later entries win) and
     * inline entries; relative file paths are resolved against {@code base} (Karaf's etc).
     *
     * @throws IllegalArgumentException for an unreadable file or a bad entry, naming it
     */
    static Lexicon extended(List<String> files, String inline, Path base) {
        List<List<Lexicon.Entry>> layers = new ArrayList<>();
        layers.add(bundled());
        for (String file : files) {
            Path path = base == null ? Path.of(file) : base.resolve(file);
            try {
                layers.add(Lexicon.parse(Files.newBufferedReader(path, StandardCharsets.UTF_8), path.getFileName().toString()));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read lexicon file " + path + ": " + e.getMessage());
            }
        }
        layers.add(Lexicon.parseInline(inline, "extraTerms"));
        return Lexicon.of(layers);
    }
}
