package io.tributary.connect.file;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class SinkFileNameTest {
  @Test
  void namesRoundTripAndSortByOffset() {
    SinkFileName name = new SinkFileName(new TopicPartition("app.logs-v1_x", 12), 9, 10, "csv.gz");

    assertThat(name.fileName())
        .isEqualTo("app.logs-v1_x+12+00000000000000000009+00000000000000000010.csv.gz");
    assertThat(SinkFileName.parse(name.fileName())).contains(name);
    assertThat(new SinkFileName(new TopicPartition("t", 0), 9, 9, "json").fileName())
        .isLessThan(new SinkFileName(new TopicPartition("t", 0), 10, 10, "json").fileName());
  }

  @Test
  void otherNamesAreNotCompletedFiles() {
    assertThat(SinkFileName.parse("+tmp")).isEmpty();
    assertThat(SinkFileName.parse("notes.txt")).isEmpty();
    assertThat(SinkFileName.parse("t+0+00000000000000000001.txt")).isEmpty();
    assertThat(SinkFileName.parse("t+0+5+4.txt")).isEmpty();
    assertThat(SinkFileName.parse("t+x+1+2.txt")).isEmpty();
    assertThat(SinkFileName.parse("t+0+1+2")).isEmpty();
    assertThat(SinkFileName.parse("t+0+1+2.")).isEmpty();
  }
}
