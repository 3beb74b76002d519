package org.calmdesk.knowledge.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "calmdesk.knowledge", name = "Calmdesk problem library",
        description = "Periodic review, learning from resolved tickets and the starter library of the knowledge module.")
public @interface KnowledgeConfig {

    @AttributeDefinition(name = "Review period (days)",
            description = "A published article is due for review this many days after publication or its last review; "
                    + "0 makes every published article due now.",
            min = "0")
    int reviewPeriodDays() default 180;

    @AttributeDefinition(name = "Same-problem threshold",
            description = "Share (0-1) of a resolved case's words (subject and root cause) a published article of the "
                    + "same category must contain to count as the same known problem; below it a draft is created.",
            min = "0", max = "1")
    double dedupeThreshold() default 0.6;

    @AttributeDefinition(name = "Import starter library",
            description = "On start, import the bundled starter library (published) when the library is empty.")
    boolean importStarterLibrary() default false;

    @AttributeDefinition(name = "Index commit interval (seconds)",
            description = "How often search-index changes are made durable; after a crash the index catches up "
                    + "from the database anyway.", min = "1")
    int indexCommitSeconds() default 5;
}
