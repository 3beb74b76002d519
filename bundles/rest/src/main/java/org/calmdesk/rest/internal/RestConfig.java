package org.calmdesk.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = "calmdesk.rest", name = "Calmdesk REST platform",
        description = "Authentication and request limits shared by every Calmdesk REST endpoint.")
public @interface RestConfig {

    @AttributeDefinition(name = "JAAS realm", description = "Realm that checks HTTP Basic credentials.")
    String realm() default "karaf";

    @AttributeDefinition(name = "Maximum request body (bytes)",
            description = "Larger bodies are refused with 413 before they are read.")
    long maxBodyBytes() default 1_048_576;

    @AttributeDefinition(name = "Credential cache (seconds)",
            description = "How long a successful login is remembered; 0 checks the realm on every request. "
                    + "A changed password or role takes effect after at most this long.")
    int authCacheSeconds() default 60;

    @AttributeDefinition(name = "API explorer",
            description = "Serve the API explorer (Swagger UI) at /api/docs with its copy of the OpenAPI document. Both are "
                    + "open without credentials: the document describes the API, never its data; calls made from the "
                    + "explorer need credentials (Authorize) like any other. false answers 404 there.")
    boolean apiExplorer() default true;
}
