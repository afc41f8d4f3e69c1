package dev.bulwark.llm.gguf;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.args.LogFormat;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Loads the llama.cpp native library once, quietly. The binding announces its extraction on {@code System.out}, which
 * would corrupt the JSON that {@code bulwark scan --format json} prints there, so standard output points at standard
 * error while the class initialises. llama.cpp's own log is kept in a small ring so load errors can quote it.
 */
public final class NativeLlama {
  private static final int KEPT_LINES = 40;
  private static final Deque<String> RECENT = new ArrayDeque<>();
  private static boolean loaded;

  private NativeLlama() {}

  public static synchronized void load() {
    if (loaded) {
      return;
    }
    if (System.getProperty("de.kherud.llama.tmpdir") == null) {
      // On start the binding deletes whatever in its directory looks like an old copy of its library (it tried to
      // delete an unrelated /tmp/llama* directory here), so it gets a directory of its own, not the shared /tmp.
      java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "bulwark-llama");
      try {
        java.nio.file.Files.createDirectories(dir);
        System.setProperty("de.kherud.llama.tmpdir", dir.toString());
      } catch (java.io.IOException e) {
        // keep the binding's default
      }
    }
    PrintStream stdout = System.out;
    System.setOut(System.err);
    try {
      Class.forName(LlamaModel.class.getName(), true, NativeLlama.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the llama.cpp binding is not on the class path", e);
    } finally {
      System.setOut(stdout);
    }
    boolean verbose = System.getenv("BULWARK_LLAMA_LOG") != null;
    LlamaModel.setLogger(LogFormat.TEXT, (level, text) -> {
      if (verbose) {
        System.err.print("llama.cpp " + level + ": " + text);
      }
      if (level == LogLevel.ERROR || level == LogLevel.WARN) {
        synchronized (RECENT) {
          RECENT.addLast(text.strip());
          while (RECENT.size() > KEPT_LINES) {
            RECENT.removeFirst();
          }
        }
      }
    });
    loaded = true;
  }

  /** The last warning or error line llama.cpp logged, or an empty string. */
  public static String lastProblem() {
    synchronized (RECENT) {
      return RECENT.isEmpty() ? "" : RECENT.peekLast();
    }
  }
}
