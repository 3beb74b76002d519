package org.calmdesk.survey.api;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;
import javax.validation.constraints.Size;

/** {@code POST /surveys/{id}/invitations}. */
public record InvitationDraft(@NotBlank @Size(max = 36) String customerId, @Size(max = 36) String ticketId,
        @NotNull InvitationChannel channel) {
}
