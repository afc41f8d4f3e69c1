package dev.bulwark.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OffsetMapTest {
  @Test
  void identityMapsEveryOffsetToItself() {
    OffsetMap map = OffsetMap.identity(5);
    assertThat(map.isIdentity()).isTrue();
    assertThat(map.originalSpan(1, 4)).isEqualTo(new Span(1, 4));
    assertThat(map.originalSpan(5, 5)).isEqualTo(new Span(5, 5));
  }

  @Test
  void dropsExpansionsAndMergesMapBackToTheirSources() {
    // "a\u200Bﬁb": the zero-width space is dropped, the ligature becomes two chars that both stand for it.
    ViewBuilder out = new ViewBuilder("a\u200B\uFB01b");
    out.copy(0, 1);
    out.drop();
    out.replace(2, 3, "fi");
    out.copy(3, 4);
    OffsetMap map = out.map();
    assertThat(out.text()).isEqualTo("afib");
    assertThat(map.originalSpan(0, 1)).isEqualTo(new Span(0, 1));
    assertThat(map.originalSpan(1, 2)).isEqualTo(new Span(2, 3)); // half a ligature is the whole ligature
    assertThat(map.originalSpan(0, 4)).isEqualTo(new Span(0, 4)); // the dropped char lies inside
    assertThat(map.originalSpan(4, 4)).isEqualTo(new Span(4, 4));
  }

  @Test
  void composedMapsGoStraightToTheFirstOriginal() {
    ViewBuilder first = new ViewBuilder("xx\u00ADyy"); // drop the soft hyphen
    first.copy(0, 2);
    first.drop();
    first.copy(3, 5);
    ViewBuilder second = new ViewBuilder(first.text()); // "xxyy" -> "XY" (two chars each)
    second.replace(0, 2, 'X');
    second.replace(2, 4, 'Y');
    OffsetMap map = first.map().then(second.map());
    assertThat(second.text()).isEqualTo("XY");
    assertThat(map.originalSpan(0, 1)).isEqualTo(new Span(0, 2));
    assertThat(map.originalSpan(1, 2)).isEqualTo(new Span(3, 5));
    assertThat(map.originalSpan(0, 2)).isEqualTo(new Span(0, 5));
  }

  @Test
  void composingWithIdentityKeepsTheOtherMap() {
    ViewBuilder out = new ViewBuilder("ab");
    out.replace(0, 2, 'c');
    OffsetMap map = out.map();
    assertThat(OffsetMap.identity(2).then(map).originalSpan(0, 1)).isEqualTo(new Span(0, 2));
    assertThat(map.then(OffsetMap.identity(1))).isSameAs(map);
  }

  @Test
  void rejectsOffsetsOutsideTheView() {
    OffsetMap map = OffsetMap.identity(3);
    assertThatThrownBy(() -> map.originalStart(4)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> map.originalSpan(2, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> map.then(OffsetMap.identity(4))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyViewOfNonEmptyText() {
    ViewBuilder out = new ViewBuilder("\u200B\u200B");
    out.drop();
    OffsetMap map = out.map();
    assertThat(out.text()).isEmpty();
    assertThat(map.originalSpan(0, 0)).isEqualTo(new Span(2, 2));
  }
}
