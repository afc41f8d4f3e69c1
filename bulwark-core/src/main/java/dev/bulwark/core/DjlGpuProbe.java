package dev.bulwark.core;

/**
 * Keeps DJL from probing for a GPU when a Bulwark scanner loads its tokenizer.
 *
 * <p>The classifier scanners tokenise with DJL's Hugging Face bindings, which run on the CPU. Loading them still runs
 * DJL's platform detection, which loads {@code libcudart} through JNA in process and asks it for a device count; on a
 * machine with CUDA libraries but no usable driver that logs {@code WARN ai.djl.util.cuda.CudaUtils - Failed to detect
 * GPU count} (twice) at every start. DJL has no switch that skips the probe, but its {@code ai.djl.util.cuda.fork}
 * system property makes {@code CudaUtils} leave the CUDA library unloaded when the class initialises (it would then
 * detect in a child JVM). So, before the first scanner is built, this sets that property, initialises
 * {@code CudaUtils} and restores the property: DJL then reports no GPU, without loading CUDA, forking or logging.
 *
 * <p>It does nothing when DJL is not on the class path, when {@code CudaUtils} was initialised already, when the
 * application set {@code ai.djl.util.cuda.fork} itself, or when {@code -Dbulwark.djl.gpu-probe=true} asks for DJL's
 * own detection (an application that runs DJL models on a GPU in the same JVM).
 */
final class DjlGpuProbe {
  static final String KEEP_PROBE = "bulwark.djl.gpu-probe";
  static final String DJL_FORK = "ai.djl.util.cuda.fork";
  private static boolean done;

  private DjlGpuProbe() {}

  static synchronized void skipUnlessAsked(ClassLoader loader) {
    if (done) {
      return;
    }
    done = true;
    if (Boolean.getBoolean(KEEP_PROBE) || System.getProperty(DJL_FORK) != null) {
      return;
    }
    ClassLoader l = loader != null ? loader : DjlGpuProbe.class.getClassLoader();
    System.setProperty(DJL_FORK, "true");
    try {
      Class.forName("ai.djl.util.cuda.CudaUtils", true, l);
    } catch (ClassNotFoundException | LinkageError e) {
      // No DJL (or an incompatible one): nothing to keep quiet.
    } finally {
      System.clearProperty(DJL_FORK);
    }
  }
}
