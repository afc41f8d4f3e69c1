package dev.bulwark.classifier;

/** Cyrillic and Greek letters that render like Latin letters in common fonts, with their Latin twins. */
final class Lookalikes {
  private static final String FROM =
      "аеорсуххіјѕԁԛԝһӏвкмнтАВЕКМНОРСТХІЈЅԌ" + "αονριικΑΒΕΖΗΙΚΜΝΟΡΤΥΧϲϳ" + "ıɡɑ";
  private static final String TO =
      "aeopcyxxijsdqwhlbkmhtABEKMHOPCTXIJSG" + "aovpiikABEZHIKMNOPTYXcj" + "iga";

  private Lookalikes() {}

  /** The Latin twin of {@code c}, or 0 when it has none. */
  static char latinTwin(char c) {
    int i = FROM.indexOf(c);
    return i < 0 ? 0 : TO.charAt(i);
  }
}
