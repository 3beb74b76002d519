package org.calmdesk.customer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ContactKeysTest {

    @Test
    void chineseMobileNumbersReadTheSameWithOrWithoutTheCountryPrefix() {
        for (String written : new String[] { "13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000",
                "+86-138-0013-8000", "0086 13800138000", "(+86) 13800138000", "8613800138000" }) {
            assertEquals("13800138000", ContactKeys.phone(written), written);
        }
    }

    @Test
    void otherNumbersKeepTheirDigitsAndShortOnesAreNoKey() {
        assertEquals("01062345678", ContactKeys.phone("010-6234 5678"), "a Beijing landline keeps its area code");
        assertEquals("861062345678", ContactKeys.phone("86 10 6234 5678"), "86 is only dropped before a mobile number");
        assertEquals("1062345678", ContactKeys.phone("0086 10 6234 5678"), "0086 is the international prefix");
        assertEquals("4915112345678", ContactKeys.phone("+49 151 1234 5678"));
        assertNull(ContactKeys.phone("12345"));
        assertNull(ContactKeys.phone("ext."));
        assertNull(ContactKeys.phone(null));
    }

    @Test
    void emailsIgnoreCaseSpacesAndPlusTags() {
        assertEquals("li.lei@example.com", ContactKeys.email(" Li.Lei@Example.COM "));
        assertEquals("li.lei@example.com", ContactKeys.email("li.lei+shop@example.com"));
        assertEquals("li.lei@example.com", ContactKeys.email("LI.LEI+a+b@example.com"));
        assertEquals("lilei@example.com", ContactKeys.email("lilei@example.com"), "dots are not dropped (only some providers ignore them)");
        assertNull(ContactKeys.email(" "));
        assertNull(ContactKeys.email(null));
    }

    @Test
    void namesIgnoreCaseSpacesAndPunctuation() {
        assertEquals("王芳", ContactKeys.name("王 芳"));
        assertEquals("王芳", ContactKeys.name("王\u3000芳"));
        assertEquals("lilei", ContactKeys.name("Li-Lei"));
        assertEquals("lilei", ContactKeys.name(" li lei "));
        assertEquals("阿卜杜勒买买提", ContactKeys.name("阿卜杜勒·买买提"));
        assertNull(ContactKeys.name(" . "));
    }
}
