package org.calmdesk.customer.api;

/** Customer types of seed 003, each with its handling strategy. */
public enum Temperament {
    /** 情绪型: volatile; stay calm, let them vent, listen, empathize. */
    EMOTIONAL,
    /** 理智型: explains in detail; understand the demand, give a reasoned solution. */
    RATIONAL,
    /** 无理型: unreasonable demands; hold the line politely, set boundaries. */
    UNREASONABLE,
    UNKNOWN
}
