package org.calmdesk.rest.internal;

import java.io.IOException;
import java.time.Instant;

import org.calmdesk.core.error.ValidationException;
import org.calmdesk.rest.RequestParams;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.LRUMap;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON dialect of the API: ISO-8601 timestamps, strict types (a number is not a string,
 * "3" is not a number), unknown enum values rejected. Unknown properties are ignored so that
 * CRMs sending extra fields keep working.
 */
final class JsonMapperFactory {

    private JsonMapperFactory() {
    }

    static ObjectMapper create() {
        ObjectMapper mapper = JsonMapper.builder(new StrictJsonFactory())
                // A type cache per mapper, not Jackson's shared default one: the cache holds the
                // module's classes, and must go with the module's server when it is uninstalled.
                .typeFactory(TypeFactory.defaultInstance().withCache(new LRUMap<>(16, 200)))
                .addModule(new JavaTimeModule())
                // After JavaTimeModule, so that this one wins: timestamps are ISO-8601 strings only.
                .addModule(new SimpleModule("calmdesk-strict-time").addDeserializer(Instant.class, new StrictInstantDeserializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean }) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Collection).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    /**
     * A timestamp is an ISO-8601 string within {@link RequestParams#timestamp}'s bounds; a number
     * (epoch millis or seconds?) is refused rather than guessed: 1700000000000 once became year 55,840.
     */
    static final class StrictInstantDeserializer extends StdScalarDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        StrictInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw InvalidFormatException.from(parser, RequestParams.TIMESTAMP_RULE, parser.getText(), Instant.class);
            }
            String text = parser.getText();
            try {
                return RequestParams.timestamp("value", text);
            } catch (ValidationException e) {
                throw InvalidFormatException.from(parser, RequestParams.TIMESTAMP_RULE, text, Instant.class);
            }
        }
    }
}
