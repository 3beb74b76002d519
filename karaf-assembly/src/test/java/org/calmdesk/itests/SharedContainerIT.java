package org.calmdesk.itests;

import org.junit.runner.RunWith;
import org.junit.runners.Suite;

/**
 * One container for the API tests of every module (issue 14: a container boot is most of a test
 * class's time). A suite, because Pax Exam keeps a PerSuite container only while classes it has
 * been told about are still to run: the suite announces them all before the first one starts.
 * The classes after HostileInputCases stop, uninstall or reconfigure a module and put it back
 * before they end, so they run last: the API cases before them see the product as shipped, and
 * each of them also sees modules that have come and gone, as a live deployment would.
 */
@RunWith(Suite.class)
@Suite.SuiteClasses({
        CustomerApiCases.class,
        CustomerMergeCases.class,
        TicketMergeCases.class,
        TicketApiCases.class,
        FollowUpApiCases.class,
        SurveyApiCases.class,
        EventLogCases.class,
        WebhookCases.class,
        HostileInputCases.class,
        EmotionCases.class,
        KnowledgeApiCases.class,
        CustomerLifecycleCases.class,
        AvailabilityCases.class })
public class SharedContainerIT {
}
