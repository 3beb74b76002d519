package org.calmdesk.ticket.api;

import javax.validation.constraints.Size;

/** How the complaint was solved; {@code summary} is required to resolve, {@code rootCause} feeds the problem library. */
public record Resolution(@Size(max = 4000) String summary, @Size(max = 4000) String rootCause,
        @Size(max = 1000) String compensation) {
}
