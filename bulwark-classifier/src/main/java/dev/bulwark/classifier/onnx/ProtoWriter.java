package dev.bulwark.classifier.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes protobuf fields: varints, length-delimited strings, bytes and nested messages, plus verbatim copies of fields
 * read by {@link ProtoReader}. Enough to emit ONNX tensors and small ONNX graphs (tests build tiny models with it).
 */
public final class ProtoWriter {
  private final ByteArrayOutputStream out;

  public ProtoWriter() {
    this(256);
  }

  ProtoWriter(int capacity) {
    out = new ByteArrayOutputStream(capacity);
  }

  public ProtoWriter varint(int field, long value) {
    tag(field, ProtoReader.VARINT);
    raw(value);
    return this;
  }

  public ProtoWriter string(int field, String s) {
    return bytes(field, s.getBytes(StandardCharsets.UTF_8));
  }

  public ProtoWriter bytes(int field, byte[] b) {
    tag(field, ProtoReader.LENGTH_DELIMITED);
    raw(b.length);
    out.writeBytes(b);
    return this;
  }

  public ProtoWriter message(int field, ProtoWriter m) {
    return bytes(field, m.toByteArray());
  }

  /** Floats as little-endian bytes (the layout of ONNX {@code raw_data}). */
  public ProtoWriter floats(int field, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return bytes(field, b.array());
  }

  /** Longs as little-endian bytes ({@code raw_data} of an int64 tensor). */
  public ProtoWriter longs(int field, long[] values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(values);
    return bytes(field, b.array());
  }

  /** A field exactly as it was read, tag included. */
  ProtoWriter copy(byte[] source, ProtoReader.Field f) {
    out.write(source, f.tagStart(), f.end() - f.tagStart());
    return this;
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }

  public int size() {
    return out.size();
  }

  private void tag(int field, int wire) {
    raw(((long) field << 3) | wire);
  }

  private void raw(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
