package org.calmdesk.emotion.internal;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.calmdesk.core.schema.ModuleSchema;
import org.h2.jdbcx.JdbcDataSource;

/** The emotion unit on a private in-memory H2 outside OSGi, a settable clock, configuration and event fakes. */
final class EmotionTestSupport {

    private EmotionTestSupport() {
    }

    static EntityManagerFactory entityManagerFactory() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        // The schema comes from the module's migrations, as in OSGi.
        ModuleSchema.migrate(dataSource, "emotion", EmotionTestSupport.class.getClassLoader());
        return Persistence.createEntityManagerFactory("calmdesk.emotion", Map.of(
                "javax.persistence.nonJtaDataSource", dataSource,
                "eclipselink.logging.level", "SEVERE"));
    }

    /** An EmotionConfig with the metatype defaults, except the attributes given. */
    static EmotionConfig config(Map<String, Object> overrides) {
        return (EmotionConfig) Proxy.newProxyInstance(EmotionConfig.class.getClassLoader(), new Class<?>[] { EmotionConfig.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return EmotionConfig.class;
                    }
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    return method.getDefaultValue();
                });
    }

    static EmotionPolicy policy(Map<String, Object> overrides) {
        return EmotionPolicy.from(config(overrides));
    }

}
