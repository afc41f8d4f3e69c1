package dev.bulwark.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.codeshield.CodeShield;
import dev.bulwark.codeshield.CodeShieldJson;
import dev.bulwark.codeshield.CodeShieldResult;
import dev.bulwark.server.http.ApiException;
import dev.bulwark.server.http.Call;
import dev.bulwark.server.http.ErrorType;
import dev.bulwark.server.http.Route;
import dev.bulwark.server.metrics.ServerMetrics;
import java.io.IOException;

/** {@code POST /v1/code/scan}: {@code {"code", "language"?}} through Code Shield (contracts §5). */
final class CodeScanEndpoint implements Route.Handler {
  private final CodeShield codeShield;
  private final ServerMetrics metrics;

  CodeScanEndpoint(CodeShield codeShield, ServerMetrics metrics) {
    this.codeShield = codeShield;
    this.metrics = metrics;
  }

  @Override
  public void handle(Call call) throws IOException {
    JsonNode root = call.jsonObject();
    JsonNode code = root.get("code");
    if (code == null || code.isNull()) {
      throw new ApiException(ErrorType.INVALID_REQUEST, "missing \"code\": give {\"code\": \"...\", \"language\"?: \"python\"}");
    }
    if (!code.isTextual()) {
      throw new ApiException(ErrorType.INVALID_REQUEST, "code: expected a string, found " + ScanRequestJson.kind(code));
    }
    JsonNode language = root.get("language");
    if (language != null && !language.isNull() && !language.isTextual()) {
      throw new ApiException(ErrorType.INVALID_REQUEST, "language: expected a string such as \"python\", found "
          + ScanRequestJson.kind(language));
    }
    CodeShieldResult result = codeShield.scan(code.asText(), language == null || language.isNull() ? null : language.asText());
    metrics.codeScans.inc(result.treatment().id());
    call.audit(result.treatment().id(), result.insecure() ? java.util.List.of("code-shield") : java.util.List.of());
    call.respondJson(200, CodeShieldJson.toJson(result));
  }
}
