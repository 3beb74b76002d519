package org.calmdesk.emotion.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code GET /agents/exposure}: one day of hostile-ticket exposure per agent. */
public record ExposureReport(LocalDate date, int threshold, int hostileNegativity, List<AgentExposure> agents) {

    /**
     * @param coolingDownUntil when the agent's cool-down after an abusive contact ends; only while it runs
     * @param openHighIntensity open tickets of high negative intensity the agent holds now
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AgentExposure(String assignee, int hostile, int total, boolean overThreshold, Instant coolingDownUntil,
            long openHighIntensity) {
    }
}
