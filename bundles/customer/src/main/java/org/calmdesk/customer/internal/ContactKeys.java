package org.calmdesk.customer.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The normalised forms of a customer's phone, e-mail and name that duplicate detection compares
 * and indexes ({@code phone_normalized}, {@code email_normalized}, {@code name_normalized}). The
 * changeset {@code db/customer/2-merge-duplicates.xml} computes the same forms in SQL for rows
 * that existed before; keep the two in step.
 */
final class ContactKeys {

    /** A leading 0086, or 86 before an 11-digit mainland mobile number (1xxxxxxxxxx). */
    static final String CHINA_PREFIX = "^(0086|86(?=1[0-9]{10}$))";
    /** What a name ignores: spaces (also the ideographic one), dots, middle dots, hyphens, underscores, apostrophes, commas. */
    static final String NAME_IGNORED = "[ \\t\\u3000.\\u00b7\\u30fb'\\-_,]";
    // compiled once: duplicate scoring normalises every candidate's keys (String.replaceAll compiles per call)
    private static final Pattern NOT_A_DIGIT = Pattern.compile("[^0-9]");
    private static final Pattern CHINA_PREFIX_PATTERN = Pattern.compile(CHINA_PREFIX);
    private static final Pattern NAME_IGNORED_PATTERN = Pattern.compile(NAME_IGNORED);
    private static final Pattern EMAIL_TAG = Pattern.compile("\\+[^@]*@");

    /** Shorter digit strings say too little to match on (extensions, typos). */
    static final int MIN_PHONE_DIGITS = 6;

    private ContactKeys() {
    }

    /**
     * The digits of a phone number without the Chinese country prefix: {@code +86 138-0013-8000},
     * {@code 0086 13800138000} and {@code 138 0013 8000} all read {@code 13800138000}; null when
     * fewer than {@value #MIN_PHONE_DIGITS} digits remain.
     */
    static String phone(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = CHINA_PREFIX_PATTERN.matcher(NOT_A_DIGIT.matcher(raw).replaceAll("")).replaceFirst("");
        return digits.length() >= MIN_PHONE_DIGITS ? digits : null;
    }

    /** Lower case, trimmed, without a {@code +tag} in the local part: {@code Li.Lei+shop@Example.com} reads {@code li.lei@example.com}. */
    static String email(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return EMAIL_TAG.matcher(raw.trim().toLowerCase(Locale.ROOT)).replaceFirst("@");
    }

    /** Lower case without spaces and punctuation: {@code 王 芳} reads {@code 王芳}, {@code Li-Lei} reads {@code lilei}. */
    static String name(String raw) {
        if (raw == null) {
            return null;
        }
        String key = NAME_IGNORED_PATTERN.matcher(raw.toLowerCase(Locale.ROOT)).replaceAll("");
        return key.isEmpty() ? null : key;
    }
}
