package org.calmdesk.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

/**
 * JSON as a system of record must store it: the body is strict UTF-8 (Jackson's own decoder lets
 * overlong forms such as {@code C0 AF} through as "/"), and no text value or key carries control
 * characters (tab, line feed and carriage return excepted) or unpaired surrogates, which other
 * systems choke on when they read the record back. Either is a 400 naming where it was found.
 */
final class StrictJsonFactory extends JsonFactory {

    private static final long serialVersionUID = 1L;
    /** Request bodies of this API are a few levels deep; a thousand-level document is an attack. */
    static final int MAX_NESTING_DEPTH = 100;

    /** Thrown for text the API refuses; {@code field} is the JSON path where it was found. */
    static final class InvalidTextException extends JsonParseException {
        private static final long serialVersionUID = 1L;
        private final String field;
        private final String reason;

        InvalidTextException(JsonParser parser, String field, String reason) {
            super(parser, field + ": " + reason);
            this.field = field;
            this.reason = reason;
        }

        String field() {
            return field;
        }

        String reason() {
            return reason;
        }
    }

    StrictJsonFactory() {
        setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    }

    private StrictJsonFactory(StrictJsonFactory source) {
        super(source, null);
    }

    @Override
    public JsonFactory copy() {
        return new StrictJsonFactory(this);
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
        byte[] bytes = in.readAllBytes();
        return _createParser(bytes, 0, bytes.length, context);
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context) throws IOException {
        char[] text = decodeStrictly(data, offset, length);
        return new TextChecking(super._createParser(text, 0, text.length, context, false));
    }

    @Override
    protected JsonParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable)
            throws IOException {
        return new TextChecking(super._createParser(data, offset, length, context, recyclable));
    }

    @Override
    protected JsonParser _createParser(Reader reader, IOContext context) throws IOException {
        return new TextChecking(super._createParser(reader, context));
    }

    private static char[] decodeStrictly(byte[] data, int offset, int length) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data, offset, length);
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new InvalidTextException(null, "body", "is not valid UTF-8 (at byte " + (in.position() - offset) + ")");
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new CharacterCodingException();
        }
        out.flip();
        char[] text = new char[out.remaining()];
        out.get(text);
        return text;
    }

    /** Checks every string value and key as the parser reads it. */
    static final class TextChecking extends JsonParserDelegate {

        TextChecking(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                check(getText());
            }
            return token;
        }

        @Override
        public JsonToken nextValue() throws IOException {
            JsonToken token = nextToken();
            return token == JsonToken.FIELD_NAME ? nextToken() : token;
        }

        private void check(String text) throws InvalidTextException {
            String problem = problemIn(text);
            if (problem != null) {
                throw new InvalidTextException(this, pathOf(getParsingContext()), problem);
            }
        }

        static String problemIn(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        i++;
                        continue;
                    }
                    return "contains an unpaired surrogate (\\u" + Integer.toHexString(c) + ")";
                }
                if (Character.isLowSurrogate(c)) {
                    return "contains an unpaired surrogate (\\u" + Integer.toHexString(c) + ")";
                }
                if (isForbiddenControl(c)) {
                    return String.format("contains the control character U+%04X", (int) c);
                }
            }
            return null;
        }

        static boolean isForbiddenControl(char c) {
            return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
        }

        static String pathOf(JsonStreamContext context) {
            StringBuilder path = new StringBuilder();
            for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inObject() && c.getCurrentName() != null) {
                    path.insert(0, c.getCurrentName() + (path.length() == 0 || path.charAt(0) == '[' ? "" : "."));
                } else if (c.inArray()) {
                    path.insert(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
                }
            }
            return path.length() == 0 ? "body" : path.toString();
        }
    }
}
