package org.calmdesk.itests;

import org.junit.runner.RunWith;
import org.junit.runners.Suite;

/**
 * One container for the API tests of every module (issue 14: a container boot is most of a test
 * class's time). A suite, because Pax Exam keeps a PerSuite container only while classes it has
 * been told about are still to run: the suite announces them all before the first one starts.
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
        HostileInputCases.class })
public class SharedContainerIT {
}
