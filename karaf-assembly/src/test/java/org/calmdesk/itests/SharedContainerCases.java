package org.calmdesk.itests;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.List;

import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

/**
 * Test classes that run together in one container, the product as shipped with every module (see
 * {@link SharedContainerIT}): each works on records of its own and leaves every module running,
 * configured as it found it (those that stop, uninstall or reconfigure one put it back, and run
 * last). Classes that need other settings, or whose changes (a feature subset, bundle updates
 * under load, install cycles measured for leaks) would not be undone exactly, keep a container of
 * their own (PerClass).
 */
@ExamReactorStrategy(PerSuite.class)
public abstract class SharedContainerCases extends CalmdeskTestSupport {

    /** One set of options for the whole suite: every class's runner asks, the first answer boots the container. */
    private static Option[] suiteOptions;

    @Override
    @Configuration
    public Option[] config() throws Exception {
        synchronized (SharedContainerCases.class) {
            if (suiteOptions == null) {
                List<Option> options = new ArrayList<>(List.of(super.config()));
                // WebhookCases' receiver listens on loopback, which webhooks refuse unless allowed.
                options.add(editConfigurationFilePut("etc/calmdesk.webhooks.cfg", "allowedTargets", "127.0.0.1/32"));
                // Several classes send wrong passwords from 127.0.0.1; together they would trip the address
                // throttle that AbuseResistanceIT tests in its own container.
                options.add(editConfigurationFilePut("etc/calmdesk.ratelimit.cfg", "loginFailuresPerAddress", "100000"));
                options.add(editConfigurationFilePut("etc/calmdesk.ratelimit.cfg", "loginFailuresPerUser", "100000"));
                options.add(editConfigurationFilePut("etc/calmdesk.ratelimit.cfg", "agentRequestsPerMinute", "600000"));
                suiteOptions = options.toArray(Option[]::new);
            }
            return suiteOptions;
        }
    }
}
