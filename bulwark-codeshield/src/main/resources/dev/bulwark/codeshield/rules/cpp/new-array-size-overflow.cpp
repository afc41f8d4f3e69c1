void grid(int w, int h) {
    // ruleid: cpp.new-array-size-overflow
    float *cells = new float[w * h];
    // ruleid: cpp.new-array-size-overflow
    char *buf = new char[sizeof(int) * w];
    // ok: cpp.new-array-size-overflow
    float *fixed = new float[16 * 4];
    // ok: cpp.new-array-size-overflow
    float *row = new float[w];
}
