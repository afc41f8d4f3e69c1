package dev.bulwark.eval.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.eval.EvalException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers one endpoint gave, on disk, so an interrupted run continues where it stopped and a rerun re-scores
 * without querying again. One JSON line per call, appended and flushed as soon as the answer arrives:
 * {@code {"key": "<sha-256>", "response": "..."}} or {@code {"key": ..., "error": "..."}}, plus {@code "ms"}.
 *
 * <p>The key ({@link CacheKey}) covers the model and everything sent. When a key appears more than once the last line
 * wins. Errors are kept for the record but are not hits: the call is made again on the next run. A line cut short by
 * a crash is skipped when loading.
 */
public final class ResponseCache implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A cached answer: {@code response} or {@code error} is set. */
  public record Entry(String response, String error, long millis) {
    public boolean ok() {
      return error == null;
    }
  }

  private final Path file;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final BufferedWriter writer;
  private final int brokenLines;

  private ResponseCache(Path file, BufferedWriter writer, int brokenLines) {
    this.file = file;
    this.writer = writer;
    this.brokenLines = brokenLines;
  }

  public static ResponseCache open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      int broken = 0;
      ResponseCache cache;
      if (Files.exists(file)) {
        boolean endsWithNewline = endsWithNewline(file);
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        if (!endsWithNewline) {
          w.write('\n');
        }
        Map<String, Entry> loaded = new ConcurrentHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          try {
            JsonNode n = JSON.readTree(line);
            String key = n.path("key").asText(null);
            if (key == null) {
              broken++;
              continue;
            }
            loaded.put(key, new Entry(n.hasNonNull("response") ? n.get("response").asText() : null,
                n.hasNonNull("error") ? n.get("error").asText() : (n.hasNonNull("response") ? null : "no response"),
                n.path("ms").asLong(0)));
          } catch (JsonProcessingException e) {
            broken++;
          }
        }
        cache = new ResponseCache(file, w, broken);
        cache.entries.putAll(loaded);
      } else {
        cache = new ResponseCache(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8), 0);
      }
      return cache;
    } catch (IOException e) {
      throw new EvalException("cannot open the response cache " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long len = raf.length();
      if (len == 0) {
        return true;
      }
      raf.seek(len - 1);
      return raf.read() == '\n';
    }
  }

  /** The cached answer, if the call succeeded before. */
  public Entry hit(String key) {
    Entry e = entries.get(key);
    return e != null && e.ok() ? e : null;
  }

  /** Records an answer (or an error) and writes it through to disk. */
  public void put(String key, Entry entry) {
    entries.put(key, entry);
    ObjectNode line = JSON.createObjectNode();
    line.put("key", key);
    if (entry.ok()) {
      line.put("response", entry.response());
    } else {
      line.put("error", entry.error());
    }
    line.put("ms", entry.millis());
    try {
      String text = JSON.writeValueAsString(line);
      synchronized (writer) {
        writer.write(text);
        writer.write('\n');
        writer.flush();
      }
    } catch (IOException e) {
      throw new EvalException("cannot write the response cache " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /** Successful answers held. */
  public long size() {
    return entries.values().stream().filter(Entry::ok).count();
  }

  /** Lines that could not be read (cut short by a crash). */
  public int brokenLines() {
    return brokenLines;
  }

  @Override
  public void close() {
    try {
      synchronized (writer) {
        writer.close();
      }
    } catch (IOException e) {
      // the lines were flushed one by one; nothing is lost
    }
  }
}
