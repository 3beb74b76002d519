package org.calmdesk.knowledge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.calmdesk.core.error.ValidationException;
import org.calmdesk.core.validation.BeanValidator;
import org.calmdesk.knowledge.api.ArticleCategory;
import org.calmdesk.knowledge.api.ArticleDraft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;

/**
 * Reads a library file: a JSON array of articles, each
 * {@code {key, title, problem, rootCause, solution, scripts[], category, tags[], language}}, where
 * {@code key} is a stable name that makes a re-import skip the article. Invalid entries are
 * reported, not imported; a file that is not such an array is refused as a whole.
 */
final class LibraryImporter {

    record Entry(String key, ArticleDraft draft) {
    }

    // Its own type cache: Jackson's shared default one would keep this bundle's classes after it is uninstalled.
    private static final ObjectMapper JSON = new ObjectMapper().setTypeFactory(TypeFactory.defaultInstance().withCache(new LRUMap<>(16, 200)));
    private static final int MAX_KEY = 100;

    private final BeanValidator validator;

    LibraryImporter(BeanValidator validator) {
        this.validator = validator;
    }

    List<Entry> parse(InputStream in, List<String> rejected) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new ValidationException("file", e.getLocation() == null || e.getLocation().getLineNr() < 0 ? "is not JSON"
                    : "is not JSON (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new ValidationException("file", "cannot be read");
        }
        if (root == null || !root.isArray()) {
            throw new ValidationException("file", "must be a JSON array of articles");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            String key = text(node, "key");
            String where = "entry " + (i + 1) + (key == null ? "" : " (" + key + ")");
            if (key == null || key.isBlank() || key.length() > MAX_KEY) {
                rejected.add(where + ": key is required (at most " + MAX_KEY + " characters)");
                continue;
            }
            if (!keys.add(key)) {
                rejected.add(where + ": duplicate key");
                continue;
            }
            try {
                ArticleDraft draft = new ArticleDraft(text(node, "title"), text(node, "problem"), text(node, "rootCause"),
                        text(node, "solution"), list(node, "scripts"), category(node), list(node, "tags"),
                        text(node, "language"));
                validator.validate(draft);
                entries.add(new Entry(key.trim(), draft));
            } catch (ValidationException e) {
                rejected.add(where + ": " + e.getMessage());
            }
        }
        return entries;
    }

    private static ArticleCategory category(JsonNode node) {
        String value = text(node, "category");
        if (value == null) {
            return null;
        }
        try {
            return ArticleCategory.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("category", "must be one of " + List.of(ArticleCategory.values()));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> list(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isArray()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        value.forEach(v -> items.add(v.asText()));
        return items;
    }
}
