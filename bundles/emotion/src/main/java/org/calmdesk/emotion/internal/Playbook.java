package org.calmdesk.emotion.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;

/**
 * The emotion module's playbook data ({@code playbook/playbook.json}, or a client's file of the
 * same shape): per temperament a strategy, per step (ticket status) actions and scripts, and
 * pitfalls; per signal actions, scripts and pitfalls; every text in {@code zh} and {@code en}.
 */
record Playbook(Map<String, Temperament> temperaments, Map<String, Extra> signals) {

    /** Texts by language. */
    record Texts(List<String> zh, List<String> en) {
        List<String> in(String language) {
            List<String> chosen = "zh".equals(language) ? zh : en;
            return chosen == null ? List.of() : chosen;
        }
    }

    record Text(String zh, String en) {
        String in(String language) {
            return "zh".equals(language) && zh != null ? zh : en;
        }
    }

    record Step(Texts actions, Texts scripts) {
    }

    record Temperament(Text strategy, Map<String, Step> steps, Texts pitfalls) {
    }

    record Extra(Texts actions, Texts scripts, Texts pitfalls) {
    }

    // Its own type cache: Jackson's shared default one would keep this bundle's classes after it is uninstalled.
    private static final ObjectMapper JSON = new ObjectMapper().setTypeFactory(TypeFactory.defaultInstance().withCache(new LRUMap<>(16, 200)))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static Playbook bundled() {
        try (InputStream in = Playbook.class.getClassLoader().getResourceAsStream("playbook/playbook.json")) {
            if (in == null) {
                throw new IllegalStateException("bundled playbook is missing");
            }
            return check(JSON.readValue(in, Playbook.class), "bundled playbook");
        } catch (IOException e) {
            throw new IllegalStateException("bundled playbook is unreadable: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when the file cannot be read or lacks the required parts */
    static Playbook from(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return check(JSON.readValue(in, Playbook.class), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("playbook " + file + " is unreadable: " + e.getMessage());
        }
    }

    private static Playbook check(Playbook playbook, String source) {
        List<String> problems = new ArrayList<>();
        if (playbook.temperaments() == null || playbook.temperaments().isEmpty()) {
            problems.add("no temperaments");
        } else {
            playbook.temperaments().forEach((name, t) -> {
                if (t == null || t.strategy() == null || t.steps() == null) {
                    problems.add(name + " lacks strategy or steps");
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + String.join(", ", problems));
        }
        return new Playbook(playbook.temperaments(), playbook.signals() == null ? Map.of() : playbook.signals());
    }
}
