package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every kind of bad request gets the right status and a JSON error that says what to fix; the server keeps serving. */
class BadInputTest {
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(TestServer.settings().withLimits(64 * 1024, Duration.ofSeconds(30), 50)
        .withApiKeys(ApiKeys.none()), dev.bulwark.core.FirewallConfig.parse("max-content-chars: 10000\nallow-missing-scanners: true\n", "test.yaml"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      malformed JSON                 | {"message":                                            | 400 | invalid_json    | not valid JSON
      trailing garbage               | {"message": {"content": "x"}} }                        | 400 | invalid_json    | not valid JSON
      empty body                     | ''                                                     | 400 | invalid_json    | empty
      duplicate key                  | {"message": {"content": "a"}, "message": {"content": "b"}} | 400 | invalid_json | Duplicate field
      array body                     | [1, 2]                                                 | 422 | invalid_request | must be a JSON object
      no message                     | {"text": "hello"}                                      | 422 | invalid_request | "message"
      both shapes                    | {"message": {"content": "a"}, "messages": []}          | 422 | invalid_request | not both
      message not an object          | {"message": "hello"}                                   | 422 | invalid_request | expected a message object
      content of the wrong type      | {"message": {"role": "user", "content": 42}}           | 422 | invalid_request | message.content
      no content                     | {"message": {"role": "user"}}                          | 422 | invalid_request | missing "content"
      unknown role                   | {"message": {"role": "hacker", "content": "x"}}        | 422 | invalid_request | unknown role 'hacker'
      role not a string              | {"message": {"role": 1, "content": "x"}}               | 422 | invalid_request | role: expected a string
      messages not an array          | {"messages": {"role": "user"}}                         | 422 | invalid_request | expected an array
      empty messages                 | {"messages": []}                                       | 422 | invalid_request | empty
      trace message without role     | {"messages": [{"content": "x"}]}                       | 422 | invalid_request | missing "role"
      unknown role in trace          | {"messages": [{"role": "user", "content": "x"}, {"role": "robot", "content": "y"}]} | 422 | invalid_request | messages[1].role
      bad tool call                  | {"messages": [{"role": "assistant", "content": "", "tool_calls": [{"id": "1"}]}]} | 422 | invalid_request | tool "name"
      empty scanner list             | {"message": {"content": "x"}, "scanners": []}          | 422 | invalid_request | scanners: the array is empty
      scanner list of numbers        | {"message": {"content": "x"}, "scanners": [1]}         | 422 | invalid_request | scanners[0]
      unknown scanner                | {"message": {"content": "x"}, "scanners": ["regexx"]}  | 422 | invalid_request | unknown scanner 'regexx'
      scanner that cannot run        | {"message": {"content": "x"}, "scanners": ["alignment-check"]} | 422 | invalid_request | cannot run on this server
      language not a string          | {"message": {"content": "x", "language": 3}}           | 422 | invalid_request | language
      id not a string                | {"id": 7, "message": {"content": "x"}}                 | 422 | invalid_request | id: expected a string
      """)
  void scanRejects(String what, String body, int status, String type, String mentions) {
    TestServer.Response r = server.post("/v1/scan", body);
    assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(status);
    assertThat(r.errorType()).isEqualTo(type);
    assertThat(r.errorMessage()).contains(mentions);
    assertThat(r.json().path("error").size()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no code            | {"language": "python"}            | code
      code not a string  | {"code": ["x"]}                   | code: expected a string
      language a number  | {"code": "x", "language": 1}      | language
      """)
  void codeScanRejects(String what, String body, String mentions) {
    TestServer.Response r = server.post("/v1/code/scan", body);
    assertThat(r.status()).as(what).isEqualTo(422);
    assertThat(r.errorMessage()).contains(mentions);
  }

  @Test
  void tooManyMessagesIs413() {
    StringBuilder b = new StringBuilder("{\"messages\": [");
    for (int i = 0; i < 51; i++) {
      b.append(i == 0 ? "" : ",").append("{\"role\": \"user\", \"content\": \"m").append(i).append("\"}");
    }
    TestServer.Response r = server.post("/v1/scan", b.append("]}").toString());
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.errorType()).isEqualTo("payload_too_large");
    assertThat(r.errorMessage()).contains("51 messages").contains("at most 50");
  }

  @Test
  void contentOverTheConfiguredLimitIs413() {
    TestServer.Response r = server.post("/v1/scan", "{\"message\": {\"content\": \"" + "a".repeat(10_001) + "\"}}");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.errorMessage()).contains("10001 characters").contains("max-content-chars");
  }

  @Test
  void bodyOverTheLimitIs413WithOrWithoutContentLength() {
    String big = "{\"message\": {\"content\": \"" + "a".repeat(70_000) + "\"}}";
    TestServer.Response declared = server.post("/v1/scan", big);
    assertThat(declared.status()).isEqualTo(413);
    assertThat(declared.errorMessage()).contains("65536 bytes");
    // A streamed body of unknown length is cut at the limit too.
    TestServer.Response chunked = server.send(HttpRequest.newBuilder(server.uri("/v1/scan"))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())))
        .build());
    assertThat(chunked.status()).isEqualTo(413);
    assertThat(server.post("/v1/scan", "{\"message\": {\"content\": \"still serving\"}}").status()).isEqualTo(200);
  }

  @Test
  void bodyThatIsNotUtf8Is400() {
    byte[] latin1 = "{\"message\": {\"content\": \"caf\u00e9\"}}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    TestServer.Response r = server.send(HttpRequest.newBuilder(server.uri("/v1/scan"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)).build());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("invalid_json");
  }

  @Test
  void deeplyNestedJsonIs400() {
    String deep = "{\"message\": {\"content\": \"x\", \"extra\": " + "[".repeat(5000) + "]".repeat(5000) + "}}";
    TestServer.Response r = server.post("/v1/scan", deep);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorMessage()).containsIgnoringCase("nesting");
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() {
    TestServer.Response missing = server.get("/v1/nothing");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorType()).isEqualTo("not_found");
    assertThat(missing.errorMessage()).contains("/v1/scan");
    TestServer.Response wrong = server.get("/v1/scan");
    assertThat(wrong.status()).isEqualTo(405);
    assertThat(wrong.errorType()).isEqualTo("method_not_allowed");
    assertThat(wrong.header("Allow")).isEqualTo("POST");
    TestServer.Response post = server.post("/healthz", "{}");
    assertThat(post.status()).isEqualTo(405);
  }
}
