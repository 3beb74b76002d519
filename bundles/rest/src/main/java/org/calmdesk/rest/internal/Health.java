package org.calmdesk.rest.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The truth behind {@code /health} and {@code /health/ready}: UP only when every installed module
 * serves all of its paths, the platform's own services run and the database answers; DOWN when
 * the database does not; DEGRADED when some module or platform service cannot serve right now.
 * Each module that cannot serve says why, and so does the platform ({@code reason}).
 */
final class Health {

    enum Status { UP, DEGRADED, DOWN }

    /** {@code reason} only when the module cannot serve. */
    @Schema(name = "ModuleHealth")
    record ModuleHealth(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String version,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "ACTIVE") String state,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean serving, String reason) {
    }

    @Schema(name = "DatabaseHealth")
    record DatabaseHealth(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Status status, String reason) {
    }

    /** The document of {@code /health} (its shape is {@link #toJson()}; the record describes it in OpenAPI). */
    @Schema(name = "HealthReport")
    record Report(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Status status,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<ModuleHealth> modules,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) DatabaseHealth database,
            @Schema(description = "Why the platform itself cannot serve every request yet; absent when it can") String reason) {

        Map<String, Object> toJson() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status.name());
            List<Map<String, Object>> list = new ArrayList<>();
            for (ModuleHealth m : modules) {
                Map<String, Object> module = new LinkedHashMap<>();
                module.put("name", m.name());
                module.put("version", m.version());
                module.put("state", m.state());
                module.put("serving", m.serving());
                if (m.reason() != null) {
                    module.put("reason", m.reason());
                }
                list.add(module);
            }
            body.put("modules", list);
            Map<String, Object> db = new LinkedHashMap<>();
            db.put("status", database.status().name());
            if (database.reason() != null) {
                db.put("reason", database.reason());
            }
            body.put("database", db);
            if (reason != null) {
                body.put("reason", reason);
            }
            return body;
        }
    }

    private final ModuleTracker modules;
    private final PublishedEndpoints published;
    private final DatabaseProbe database;
    private final Supplier<String> platformProblem;

    /** {@code platformProblem}: why a platform service every request may need is not running, or null. */
    Health(ModuleTracker modules, PublishedEndpoints published, DatabaseProbe database, Supplier<String> platformProblem) {
        this.modules = modules;
        this.published = published;
        this.database = database;
        this.platformProblem = platformProblem;
    }

    Report report() {
        List<ModuleHealth> moduleHealth = new ArrayList<>();
        for (ModuleTracker.Module module : modules.installedModules()) {
            String state = ModuleTracker.stateOf(module.bundle());
            String reason = null;
            if (!"ACTIVE".equals(state)) {
                reason = "the module's bundle is " + state;
            } else {
                List<String> missing = module.paths().stream().filter(p -> !published.isPublished(p)).toList();
                if (!missing.isEmpty()) {
                    reason = "not serving " + String.join(", ", missing.stream().map(p -> "/api" + p).toList())
                            + " yet (a service it needs is not running)";
                }
            }
            moduleHealth.add(new ModuleHealth(module.name(), module.bundle().getVersion().toString(), state,
                    reason == null, reason));
        }
        DatabaseProbe.Result db = database.check();
        DatabaseHealth databaseHealth = new DatabaseHealth(db.up() ? Status.UP : Status.DOWN, db.reason());
        String platform = platformProblem.get();
        return new Report(status(db.up(), moduleHealth, platform), moduleHealth, databaseHealth, platform);
    }

    /**
     * UP only when the database answers, every module serves and the platform has no problem: a node
     * whose idempotency store is still starting would answer every create with a key 503, so a load
     * balancer must not send it traffic yet.
     */
    static Status status(boolean databaseUp, List<ModuleHealth> modules, String platformProblem) {
        if (!databaseUp) {
            return Status.DOWN;
        }
        return platformProblem == null && modules.stream().allMatch(ModuleHealth::serving) ? Status.UP : Status.DEGRADED;
    }
}
