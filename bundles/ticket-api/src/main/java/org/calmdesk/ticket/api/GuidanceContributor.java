package org.calmdesk.ticket.api;

/**
 * Whiteboard SPI of ticket guidance: register a service of this type (a plain DS component) and
 * its contribution appears in {@code GET /tickets/{id}/guidance} while its bundle runs. The
 * emotion module contributes playbooks, the problem library suggested articles.
 */
public interface GuidanceContributor {

    /** Module name listed in the guidance's {@code contributors}, e.g. {@code knowledge}. */
    String module();

    /**
     * @param ticket      the ticket
     * @param temperament the customer's temperament as the ticket module sees it (EMOTIONAL, RATIONAL,
     *                    UNREASONABLE or UNKNOWN)
     * @param language    the customer's language, {@code zh} or {@code en}
     * @return the contribution, or null for nothing; must be quick and must not throw
     */
    GuidanceContribution contribute(Ticket ticket, String temperament, String language);
}
