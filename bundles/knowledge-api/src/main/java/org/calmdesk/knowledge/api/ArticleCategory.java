package org.calmdesk.knowledge.api;

/**
 * What kind of complaint an article answers. The values are the ticket categories of the REST
 * contract, kept here so the problem library works without the ticket module.
 */
public enum ArticleCategory {
    PRODUCT_QUALITY, AFTER_SALES, SERVICE_ATTITUDE, BILLING, DELIVERY, POLICY, OTHER
}
