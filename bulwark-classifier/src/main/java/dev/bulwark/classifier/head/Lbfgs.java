package dev.bulwark.classifier.head;

/** Limited-memory BFGS with a backtracking (Armijo) line search; enough for smooth convex losses. */
final class Lbfgs {
  interface Function {
    /** Writes the gradient at {@code x} into {@code grad} and returns the value. */
    double valueAndGradient(double[] x, double[] grad);
  }

  private Lbfgs() {}

  static double[] minimise(Function f, double[] x0, int maxIterations, int m, double tolerance) {
    int n = x0.length;
    double[] x = x0.clone();
    double[] g = new double[n];
    double fx = f.valueAndGradient(x, g);
    double[][] s = new double[m][];
    double[][] y = new double[m][];
    double[] rho = new double[m];
    int stored = 0;
    int head = 0;
    double[] d = new double[n];
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    double[] alpha = new double[m];
    for (int iter = 0; iter < maxIterations; iter++) {
      // two-loop recursion: d = -H g
      for (int i = 0; i < n; i++) {
        d[i] = -g[i];
      }
      for (int k = 0; k < stored; k++) {
        int j = Math.floorMod(head - 1 - k, m);
        alpha[j] = rho[j] * dot(s[j], d);
        axpy(-alpha[j], y[j], d);
      }
      if (stored > 0) {
        int j = Math.floorMod(head - 1, m);
        double gamma = dot(s[j], y[j]) / dot(y[j], y[j]);
        for (int i = 0; i < n; i++) {
          d[i] *= gamma;
        }
      } else {
        double gn = Math.sqrt(dot(g, g));
        for (int i = 0; i < n; i++) {
          d[i] /= Math.max(1, gn);
        }
      }
      for (int k = stored - 1; k >= 0; k--) {
        int j = Math.floorMod(head - 1 - k, m);
        double beta = rho[j] * dot(y[j], d);
        axpy(alpha[j] - beta, s[j], d);
      }
      double slope = dot(g, d);
      if (slope >= 0) {
        for (int i = 0; i < n; i++) {
          d[i] = -g[i];
        }
        slope = dot(g, d);
        stored = 0;
      }
      double step = 1.0;
      double fNew;
      int tries = 0;
      while (true) {
        for (int i = 0; i < n; i++) {
          xNew[i] = x[i] + step * d[i];
        }
        fNew = f.valueAndGradient(xNew, gNew);
        if (fNew <= fx + 1e-4 * step * slope || ++tries > 30) {
          break;
        }
        step *= 0.5;
      }
      double[] sk = new double[n];
      double[] yk = new double[n];
      for (int i = 0; i < n; i++) {
        sk[i] = xNew[i] - x[i];
        yk[i] = gNew[i] - g[i];
      }
      double sy = dot(sk, yk);
      if (sy > 1e-12) {
        s[head] = sk;
        y[head] = yk;
        rho[head] = 1 / sy;
        head = (head + 1) % m;
        stored = Math.min(stored + 1, m);
      }
      double improvement = fx - fNew;
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = fNew;
      if (Math.abs(improvement) <= tolerance * Math.max(1, Math.abs(fx))) {
        break;
      }
    }
    return x;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] xs, double[] ys) {
    for (int i = 0; i < xs.length; i++) {
      ys[i] += a * xs[i];
    }
  }
}
