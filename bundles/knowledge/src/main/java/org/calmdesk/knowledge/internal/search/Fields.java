package org.calmdesk.knowledge.internal.search;

/** Index field names. Text fields exist per language; a document fills those of its own language. */
final class Fields {

    static final String ID = "id";
    static final String VERSION = "version";
    static final String STATUS = "status";
    static final String CATEGORY = "category";
    static final String LANGUAGE = "language";

    static final String TITLE_ZH = "title_zh";
    static final String PROBLEM_ZH = "problem_zh";
    static final String TAGS_ZH = "tags_zh";
    /** Root cause, solution and scripts. */
    static final String BODY_ZH = "body_zh";
    static final String TITLE_EN = "title_en";
    static final String PROBLEM_EN = "problem_en";
    static final String TAGS_EN = "tags_en";
    static final String BODY_EN = "body_en";
    /** CJK bigrams of the title, and of everything else, of Chinese articles. */
    static final String TITLE_BI = "title_bi";
    static final String TEXT_BI = "text_bi";

    private Fields() {
    }

    static String title(String language) {
        return "zh".equals(language) ? TITLE_ZH : TITLE_EN;
    }

    static String problem(String language) {
        return "zh".equals(language) ? PROBLEM_ZH : PROBLEM_EN;
    }

    static String tags(String language) {
        return "zh".equals(language) ? TAGS_ZH : TAGS_EN;
    }

    static String body(String language) {
        return "zh".equals(language) ? BODY_ZH : BODY_EN;
    }
}
