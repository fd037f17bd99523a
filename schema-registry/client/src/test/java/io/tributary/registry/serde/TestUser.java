package io.tributary.registry.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** A hand-written specific record, shaped as Avro's code generator writes them. */
public class TestUser extends SpecificRecordBase {
  public static final Schema SCHEMA$ =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"TestUser\",\"namespace\":\"io.tributary.registry.serde\","
                  + "\"fields\":[{\"name\":\"name\",\"type\":{\"type\":\"string\","
                  + "\"avro.java.string\":\"String\"}},{\"name\":\"age\",\"type\":\"int\"}]}");

  private String name;
  private int age;

  public TestUser() {}

  public TestUser(String name, int age) {
    this.name = name;
    this.age = age;
  }

  public static Schema getClassSchema() {
    return SCHEMA$;
  }

  @Override
  public Schema getSchema() {
    return SCHEMA$;
  }

  @Override
  public Object get(int field) {
    return switch (field) {
      case 0 -> name;
      case 1 -> age;
      default -> throw new IndexOutOfBoundsException("Invalid index: " + field);
    };
  }

  @Override
  public void put(int field, Object value) {
    switch (field) {
      case 0 -> name = value == null ? null : value.toString();
      case 1 -> age = (Integer) value;
      default -> throw new IndexOutOfBoundsException("Invalid index: " + field);
    }
  }

  public String getName() {
    return name;
  }

  public int getAge() {
    return age;
  }
}
