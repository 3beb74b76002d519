package org.calmdesk.customer.internal;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.ibm.icu.text.Transliterator;

/**
 * How a name sounds, as pinyin without tones or spaces: {@code 张伟} and {@code 章伟} both read
 * {@code zhangwei}, and so does {@code Zhang Wei}. An agent who writes down a name heard on the
 * phone picks a character of the same sound often enough that two records of one person differ
 * only there. ICU's Han-Latin transliteration gives each character its most common reading;
 * names are transliterated character by character (a surname's rare reading such as 单 = shan is
 * read the common way on both sides, which is what matching needs) and each character's reading
 * is kept, so a name costs map lookups once the characters of common names have been seen.
 */
final class NameSound {

    private static final Map<Integer, String> READINGS = new ConcurrentHashMap<>();

    private NameSound() {
    }

    /** The name's sound key (lower-case ASCII letters and digits), or null when nothing of it can be read. */
    static String of(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder key = new StringBuilder(name.length() * 3);
        name.codePoints().forEach(cp -> {
            if (cp < 128) {
                if (Character.isLetterOrDigit(cp)) {
                    key.append(Character.toLowerCase((char) cp));
                }
            } else if (Character.isLetterOrDigit(cp)) {
                key.append(READINGS.computeIfAbsent(cp, NameSound::read));
            }
        });
        return key.length() == 0 ? null : key.toString();
    }

    private static String read(int codePoint) {
        String latin;
        synchronized (Holder.TO_LATIN) { // ICU promises no thread safety for a shared compound transliterator
            latin = Holder.TO_LATIN.transliterate(new String(Character.toChars(codePoint)));
        }
        return latin.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** Loaded on the first name outside ASCII: building the transliterator takes ICU's data (about a second). */
    private static final class Holder {
        static final Transliterator TO_LATIN = Transliterator.getInstance("Han-Latin; Latin-ASCII");
    }
}
