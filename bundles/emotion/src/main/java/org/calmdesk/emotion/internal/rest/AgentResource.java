package org.calmdesk.emotion.internal.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.calmdesk.core.error.ValidationException;
import org.calmdesk.emotion.internal.ExposureReport;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/agents}: staff exposure to hostile tickets, for team leads. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "emotion")
public class AgentResource {

    private final Function<LocalDate, ExposureReport> reports;
    private final Supplier<LocalDate> today;

    public AgentResource(Function<LocalDate, ExposureReport> reports, Supplier<LocalDate> today) {
        this.reports = reports;
        this.today = today;
    }

    @GET
    @Path("exposure")
    @Operation(operationId = "getAgentExposure", summary = "Per assignee, the hostile tickets (high negativity or abuse) handled on a day (default today) and who is over the threshold")
    public ExposureReport exposure(@Parameter(description = "The day (default today in the module's time zone)",
            schema = @Schema(type = "string", format = "date")) @QueryParam("date") String date) {
        return reports.apply(date(date, today.get()));
    }

    static LocalDate date(String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ValidationException("date", "must be an ISO date such as 2026-11-27");
        }
    }
}
