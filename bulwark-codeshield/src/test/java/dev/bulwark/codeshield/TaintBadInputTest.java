package dev.bulwark.codeshield;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's bad input for the taint pass: each gives a result (findings or a note saying what was not followed), never
 * an exception, and the rest of the block is still analysed.
 */
class TaintBadInputTest {
  // Generous budgets: these tests check behaviour, not the machine's speed (the live budgets are covered by the bench).
  private static final CodeShield SHIELD = CodeShield.builder().ruleBudgetMillis(20_000).parseTimeoutMillis(20_000).build();
  private static final String FLOW = "def search():\n    q = request.args['q']\n    cur.execute(\"SELECT * FROM t WHERE a = '\" + q + \"'\")\n";

  private static List<String> rules(CodeShieldResult r) {
    return r.issues().stream().map(Issue::rule).toList();
  }

  @Test
  void codeThatDoesNotParseIsFollowedAllTheSame() {
    // The taint pass is lexical: a syntax error elsewhere does not hide the flow.
    String broken = "def broken(:\n    return ))\n\n" + FLOW + "\nclass {{{\n";
    assertThat(rules(SHIELD.scan(broken, "python"))).contains("python.tainted-sql");
  }

  @Test
  void tenThousandNestedExpressionsGiveAResult() {
    String nested = "(".repeat(10_000) + "request.args['q']" + ")".repeat(10_000);
    String code = "def f():\n    q = " + nested + "\n    cur.execute('SELECT ' + q)\n";
    CodeShieldResult r = SHIELD.scan(code, "python");
    // The 20 KB assignment is over the statement cap, so it is skipped with a note rather than analysed.
    assertThat(r.notes()).anyMatch(n -> n.contains("not followed by the taint pass"));
    assertThat(SHIELD.scan("x = " + "[".repeat(10_000) + "\n" + FLOW, "python").issues()).isNotNull();
  }

  @Test
  void aOneMegabyteFunctionIsFollowedToItsEnd() {
    StringBuilder sb = new StringBuilder("def handler():\n    q = request.args['q']\n");
    while (sb.length() < 1024 * 1024) {
      sb.append("    total = total + compute(total, 3)\n");
    }
    sb.append("    cur.execute(\"SELECT * FROM t WHERE a = '\" + q + \"'\")\n");
    CodeShieldResult r = SHIELD.scan(sb.toString(), "python");
    assertThat(rules(r)).contains("python.tainted-sql");
  }

  @Test
  void mixedLanguagesInOneFenceStillFindTheFlow() {
    String mixed = "```python\n" + FLOW + "\nconst x = require('x');\nfunction g() { return `${x}`; }\n<?php echo $y; ?>\n```\n";
    assertThat(rules(SHIELD.scan(mixed))).contains("python.tainted-sql");
  }

  @Test
  void minifiedJavaScriptOnOneLineIsSkippedWithANote() {
    StringBuilder sb = new StringBuilder("app.get('/x',function(req,res){var q=req.query.q;");
    while (sb.length() < 200_000) {
      sb.append("var a").append(sb.length()).append("=b(c,d);");
    }
    sb.append("db.query(\"SELECT * FROM t WHERE a='\"+q+\"'\")});");
    CodeShieldResult r = SHIELD.scan(sb.toString(), "javascript");
    assertThat(r).isNotNull();
    // Statements are cut at ';', so most of the line is followed; the result says nothing was lost silently.
    assertThat(rules(r)).contains("javascript.tainted-sql");
  }

  @Test
  void invalidUtf8AroundAFlowDoesNotHideIt() {
    byte[] junk = {(byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0xBC};
    String bad = new String(junk, StandardCharsets.UTF_8);
    String code = "# " + bad + "\n" + FLOW.replace("SELECT", "SELECT " + bad);
    assertThat(rules(SHIELD.scan(code, "python"))).contains("python.tainted-sql");
  }

  @Test
  void thousandsOfWrappersAreSummarisedWithinABound() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      sb.append("def w").append(i).append("(conn, s):\n    conn.execute(s)\n\n");
    }
    for (int i = 0; i < 5_000; i++) {
      sb.append("def c").append(i).append("():\n    w").append(i).append("(db, 'SELECT ' + request.args['q'])\n\n");
    }
    CodeShieldResult r = SHIELD.scan(sb.toString(), "python");
    // Only the first 128 called functions are candidates (and their bodies bounded): their callers are found, the rest not.
    assertThat(r.issues()).extracting(Issue::rule).contains("python.tainted-sql");
  }
}
