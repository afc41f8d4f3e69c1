package dev.bulwark.classifier.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one protobuf message into its fields without a schema. ONNX files are plain protobuf, and a model rewrite
 * only has to look inside a handful of messages (model, graph, tensor, node); every other byte is copied verbatim.
 */
final class ProtoReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  /**
   * One field occurrence. {@code [tagStart, end)} is the whole field as it sits in the buffer (tag included), so it can
   * be copied unchanged; {@code [start, end)} is a length-delimited payload; {@code value} is a varint or fixed value.
   */
  record Field(int number, int wireType, long value, int tagStart, int start, int end) {
    int length() {
      return end - start;
    }
  }

  private ProtoReader() {}

  /** The fields of the message at {@code bytes[from, to)}; {@code source} names the file in errors. */
  static List<Field> fields(byte[] bytes, int from, int to, String source) {
    List<Field> out = new ArrayList<>();
    int[] pos = {from};
    while (pos[0] < to) {
      int tagStart = pos[0];
      long tag = varint(bytes, pos, to, source);
      int number = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      switch (wire) {
        case VARINT -> {
          long v = varint(bytes, pos, to, source);
          out.add(new Field(number, wire, v, tagStart, pos[0], pos[0]));
        }
        case FIXED64 -> {
          check(bytes, pos[0] + 8, to, source);
          long v = 0;
          for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (bytes[pos[0] + i] & 0xffL);
          }
          pos[0] += 8;
          out.add(new Field(number, wire, v, tagStart, pos[0], pos[0]));
        }
        case LENGTH_DELIMITED -> {
          long len = varint(bytes, pos, to, source);
          if (len < 0 || pos[0] + len > to) {
            throw new OnnxFormatException(source + ": truncated or corrupt protobuf (field " + number + " claims " + len
                + " bytes at offset " + pos[0] + ")");
          }
          int start = pos[0];
          pos[0] += (int) len;
          out.add(new Field(number, wire, 0, tagStart, start, pos[0]));
        }
        case FIXED32 -> {
          check(bytes, pos[0] + 4, to, source);
          long v = (bytes[pos[0]] & 0xffL) | (bytes[pos[0] + 1] & 0xffL) << 8 | (bytes[pos[0] + 2] & 0xffL) << 16
              | (bytes[pos[0] + 3] & 0xffL) << 24;
          pos[0] += 4;
          out.add(new Field(number, wire, v, tagStart, pos[0], pos[0]));
        }
        default -> throw new OnnxFormatException(source + ": not an ONNX model (protobuf wire type " + wire + " at offset "
            + tagStart + ")");
      }
    }
    return out;
  }

  /** Varints packed in a length-delimited payload (proto3 packed repeated int64). */
  static List<Long> packedVarints(byte[] bytes, Field f, String source) {
    List<Long> out = new ArrayList<>();
    int[] pos = {f.start()};
    while (pos[0] < f.end()) {
      out.add(varint(bytes, pos, f.end(), source));
    }
    return out;
  }

  static String string(byte[] bytes, Field f) {
    return new String(bytes, f.start(), f.length(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static long varint(byte[] bytes, int[] pos, int to, String source) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= to) {
        throw new OnnxFormatException(source + ": truncated or corrupt protobuf (varint runs past offset " + to + ")");
      }
      byte b = bytes[pos[0]++];
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new OnnxFormatException(source + ": corrupt protobuf (varint longer than 10 bytes at offset " + pos[0] + ")");
  }

  private static void check(byte[] bytes, int end, int to, String source) {
    if (end > to || end > bytes.length) {
      throw new OnnxFormatException(source + ": truncated or corrupt protobuf (fixed-width field past offset " + to + ")");
    }
  }
}
