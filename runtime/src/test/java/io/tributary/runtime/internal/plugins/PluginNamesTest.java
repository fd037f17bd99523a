package io.tributary.runtime.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

/** Aliases, edit distances and version order. */
class PluginNamesTest {
  @Test
  void aliasesAreTheSimpleNameAndTheNameWithoutTheKindsSuffix() {
    assertThat(PluginAliases.aliases(TestingSourceConnector.class, PluginType.SOURCE))
        .containsExactly("TestingSourceConnector", "TestingSource");
    assertThat(PluginAliases.aliases(JsonConverter.class, PluginType.CONVERTER))
        .containsExactly("JsonConverter", "Json");
    assertThat(PluginAliases.aliases(JsonConverter.class, PluginType.HEADER_CONVERTER))
        .containsExactly("JsonConverter");
    assertThat(PluginAliases.aliases(StringConverter.class, PluginType.CONVERTER))
        .containsExactly("StringConverter", "String");
  }

  @Test
  void editDistanceCountsSingleCharacterEdits() {
    assertThat(PluginAliases.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(PluginAliases.distance("", "abc")).isEqualTo(3);
    assertThat(PluginAliases.distance("same", "same")).isZero();
  }

  @Test
  void versionsOrderNumericallyWithUndefinedFirst() {
    assertThat(PluginVersions.OLDEST_FIRST.compare("3.10.0", "3.9.1")).isPositive();
    assertThat(PluginVersions.OLDEST_FIRST.compare("undefined", "0.0.1")).isNegative();
    assertThat(PluginVersions.OLDEST_FIRST.compare("1.0.1", "1.0.SNAPSHOT")).isPositive();
    assertThat(PluginVersions.OLDEST_FIRST.compare("2.0", "2.0")).isZero();
  }
}
