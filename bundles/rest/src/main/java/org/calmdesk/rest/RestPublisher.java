package org.calmdesk.rest;

import java.util.List;

/**
 * Publishes a module's JAX-RS resources as their own CXF server on the shared Bus, under
 * {@code /api} + {@code address}, with the platform's JSON, error, auth and size-limit providers.
 * A module calls this in its REST component's {@code @Activate} and closes the endpoint in
 * {@code @Deactivate}, so stopping one module touches only its own paths.
 */
public interface RestPublisher {

    /**
     * @param module    the module name shown in health and OpenAPI tags, e.g. {@code customer}
     * @param address   the server address below the CXF servlet, e.g. {@code /v1/customers}
     * @param resources JAX-RS resource instances (singletons)
     */
    RestEndpoint publish(String module, String address, List<Object> resources);
}
