package dev.switchboard.core.chat;

import java.util.Objects;

/**
 * The shape the reply must take.
 *
 * @param kind free text, any JSON object, or JSON matching a schema
 * @param schemaName the schema's name when the kind is {@link Kind#JSON_SCHEMA}
 * @param schema the JSON Schema text when the kind is {@link Kind#JSON_SCHEMA}
 */
public record ResponseFormat(Kind kind, String schemaName, String schema) {

  /** The response-format kinds. */
  public enum Kind {
    TEXT,
    JSON_OBJECT,
    JSON_SCHEMA
  }

  public static final ResponseFormat TEXT = new ResponseFormat(Kind.TEXT, null, null);
  public static final ResponseFormat JSON_OBJECT = new ResponseFormat(Kind.JSON_OBJECT, null, null);

  public ResponseFormat {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.JSON_SCHEMA) != (schema != null)) {
      throw new IllegalArgumentException("a schema goes with kind JSON_SCHEMA only");
    }
  }

  public static ResponseFormat jsonSchema(String name, String schema) {
    return new ResponseFormat(Kind.JSON_SCHEMA, Objects.requireNonNull(name, "name"), schema);
  }
}
