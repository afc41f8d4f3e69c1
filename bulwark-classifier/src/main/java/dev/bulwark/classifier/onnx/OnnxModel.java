package dev.bulwark.classifier.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model file opened for its weights: the graph's float initializers can be read as {@link FloatTensor}s,
 * replaced by tensors of the same shape, and the model written back as bytes ONNX Runtime loads. Only the model,
 * graph, node and tensor messages are decoded; everything else (opsets, value infos, attributes, metadata) is copied
 * byte for byte, so a model with nothing replaced is written back identical.
 *
 * <p>Not thread-safe while replacing. Initializers stored as external data are refused (a self-contained model is
 * what ships in a jar).
 */
public final class OnnxModel {
  // ModelProto.graph, GraphProto.{node, initializer}, NodeProto.{input, output, name, op_type}, TensorProto fields.
  private static final int MODEL_GRAPH = 7;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int NODE_INPUT = 1;
  private static final int NODE_OUTPUT = 2;
  private static final int NODE_NAME = 3;
  private static final int NODE_OP_TYPE = 4;
  private static final int TENSOR_DIMS = 1;
  private static final int TENSOR_DATA_TYPE = 2;
  private static final int TENSOR_FLOAT_DATA = 4;
  private static final int TENSOR_NAME = 8;
  private static final int TENSOR_RAW_DATA = 9;
  private static final int TENSOR_DATA_LOCATION = 14;
  private static final int FLOAT = 1;

  private final byte[] bytes;
  private final String source;
  private final List<ProtoReader.Field> modelFields;
  private final List<ProtoReader.Field> graphFields;
  private final Map<String, ProtoReader.Field> initializers = new LinkedHashMap<>();
  private final List<OnnxNode> nodes = new ArrayList<>();
  private final Map<String, FloatTensor> replaced = new LinkedHashMap<>();

  private OnnxModel(byte[] bytes, String source) {
    this.bytes = bytes;
    this.source = source;
    this.modelFields = ProtoReader.fields(bytes, 0, bytes.length, source);
    ProtoReader.Field graph = null;
    for (ProtoReader.Field f : modelFields) {
      if (f.number() == MODEL_GRAPH && f.wireType() == ProtoReader.LENGTH_DELIMITED) {
        graph = f;
      }
    }
    if (graph == null) {
      throw new OnnxFormatException(source + ": not an ONNX model (no graph)");
    }
    this.graphFields = ProtoReader.fields(bytes, graph.start(), graph.end(), source);
    for (ProtoReader.Field f : graphFields) {
      if (f.number() == GRAPH_INITIALIZER && f.wireType() == ProtoReader.LENGTH_DELIMITED) {
        initializers.put(tensorName(f), f);
      } else if (f.number() == GRAPH_NODE && f.wireType() == ProtoReader.LENGTH_DELIMITED) {
        nodes.add(node(f));
      }
    }
  }

  /** Reads a model file. */
  public static OnnxModel read(Path file) {
    try {
      return new OnnxModel(Files.readAllBytes(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new OnnxFormatException("ONNX model file not found: " + file);
    } catch (IOException e) {
      throw new OnnxFormatException(file + ": cannot read ONNX model: " + e.getMessage());
    }
  }

  /** Reads a model held in memory; {@code source} names it in errors. The array is kept, not copied. */
  public static OnnxModel read(byte[] bytes, String source) {
    return new OnnxModel(bytes, source);
  }

  /** Reads a class-path resource of {@code owner}'s class loader; the error names the jar that should carry it. */
  public static OnnxModel readResource(Class<?> owner, String resource, String carriedBy) {
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new OnnxFormatException("class-path resource " + resource + " not found: " + carriedBy + " must be on the class path");
      }
      return new OnnxModel(in.readAllBytes(), "classpath:" + resource);
    } catch (IOException e) {
      throw new OnnxFormatException("cannot read class-path resource " + resource + ": " + e.getMessage());
    }
  }

  public String source() {
    return source;
  }

  /** Initializer names in graph order (all types). */
  public List<String> initializerNames() {
    return List.copyOf(initializers.keySet());
  }

  public boolean hasInitializer(String name) {
    return initializers.containsKey(name);
  }

  public List<OnnxNode> nodes() {
    return Collections.unmodifiableList(nodes);
  }

  /** Nodes that read value {@code name}, in graph order. */
  public List<OnnxNode> consumers(String name) {
    List<OnnxNode> out = new ArrayList<>();
    for (OnnxNode n : nodes) {
      if (n.inputs().contains(name)) {
        out.add(n);
      }
    }
    return out;
  }

  /** The initializer {@code node} reads at input position {@code index}, or an error naming both. */
  public FloatTensor consumedTensor(OnnxNode node, int index) {
    if (index >= node.inputs().size() || !initializers.containsKey(node.inputs().get(index))) {
      throw new OnnxFormatException(source + ": input " + index + " of node '" + node.name() + "' (" + node.opType()
          + ") is not an initializer");
    }
    return tensor(node.inputs().get(index));
  }

  /** True if initializer {@code name} exists and holds float32 values. */
  public boolean isFloat(String name) {
    ProtoReader.Field f = initializers.get(name);
    if (f == null) {
      return false;
    }
    for (ProtoReader.Field t : ProtoReader.fields(bytes, f.start(), f.end(), source)) {
      if (t.number() == TENSOR_DATA_TYPE) {
        return t.value() == FLOAT;
      }
    }
    return false;
  }

  /** The float initializer {@code name} (its replacement if it was replaced), decoded from raw_data or float_data. */
  public FloatTensor tensor(String name) {
    FloatTensor r = replaced.get(name);
    if (r != null) {
      return r;
    }
    ProtoReader.Field f = initializers.get(name);
    if (f == null) {
      throw new OnnxFormatException(source + ": no initializer '" + name + "'");
    }
    List<Long> dims = new ArrayList<>();
    int type = 0;
    ProtoReader.Field raw = null;
    List<ProtoReader.Field> floatData = new ArrayList<>();
    for (ProtoReader.Field t : ProtoReader.fields(bytes, f.start(), f.end(), source)) {
      switch (t.number()) {
        case TENSOR_DIMS -> {
          if (t.wireType() == ProtoReader.LENGTH_DELIMITED) {
            dims.addAll(ProtoReader.packedVarints(bytes, t, source));
          } else {
            dims.add(t.value());
          }
        }
        case TENSOR_DATA_TYPE -> type = (int) t.value();
        case TENSOR_FLOAT_DATA -> floatData.add(t);
        case TENSOR_RAW_DATA -> raw = t;
        case TENSOR_DATA_LOCATION -> {
          if (t.value() == 1) {
            throw new OnnxFormatException(source + ": initializer '" + name + "' is stored as external data; only self-contained models are supported");
          }
        }
        default -> { }
      }
    }
    if (type != FLOAT) {
      throw new OnnxFormatException(source + ": initializer '" + name + "' is not float32 (ONNX data type " + type + ")");
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    long count = FloatTensor.elements(shape);
    if (count > Integer.MAX_VALUE) {
      throw new OnnxFormatException(source + ": initializer '" + name + "' is too large (" + count + " values)");
    }
    float[] data = new float[(int) count];
    if (raw != null) {
      if (raw.length() != 4L * count) {
        throw new OnnxFormatException(source + ": initializer '" + name + "' has " + raw.length() + " bytes of raw_data for shape "
            + FloatTensor.describe(shape));
      }
      ByteBuffer.wrap(bytes, raw.start(), raw.length()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
    } else {
      int i = 0;
      for (ProtoReader.Field t : floatData) {
        if (t.wireType() == ProtoReader.LENGTH_DELIMITED) {
          int n = t.length() / 4;
          if (i + n > count) {
            throw corruptFloatData(name, shape);
          }
          ByteBuffer.wrap(bytes, t.start(), t.length()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data, i, n);
          i += n;
        } else {
          if (i >= count) {
            throw corruptFloatData(name, shape);
          }
          data[i++] = Float.intBitsToFloat((int) t.value());
        }
      }
      if (i != count) {
        throw corruptFloatData(name, shape);
      }
    }
    return new FloatTensor(name, shape, data);
  }

  private OnnxFormatException corruptFloatData(String name, long[] shape) {
    return new OnnxFormatException(source + ": initializer '" + name + "' has the wrong number of float_data values for shape "
        + FloatTensor.describe(shape));
  }

  /**
   * Replaces the values of initializer {@code name}; the shape must be the initializer's own.
   *
   * @param what names where the values come from in errors (e.g. the delta file)
   */
  public void replace(String name, float[] values, String what) {
    FloatTensor current = tensor(name);
    if (values.length != current.data().length) {
      throw new OnnxFormatException(what + ": tensor '" + name + "' has " + values.length + " values; " + source + " needs "
          + current.describeShape() + " = " + current.data().length);
    }
    replaced.put(name, new FloatTensor(name, current.shape(), values));
  }

  /** Replaces an initializer by a tensor that must have the initializer's shape. */
  public void replace(FloatTensor tensor, String what) {
    FloatTensor current = tensor(tensor.name());
    if (!current.sameShape(tensor.shape())) {
      throw new OnnxFormatException(what + ": tensor '" + tensor.name() + "' has shape " + tensor.describeShape() + "; "
          + source + " needs " + current.describeShape());
    }
    replaced.put(tensor.name(), tensor);
  }

  /** The model with every replacement applied, as bytes ONNX Runtime can load. */
  public byte[] toBytes() {
    ProtoWriter graph = new ProtoWriter(bytes.length);
    for (ProtoReader.Field f : graphFields) {
      FloatTensor r = f.number() == GRAPH_INITIALIZER ? replaced.get(tensorName(f)) : null;
      if (r == null) {
        graph.copy(bytes, f);
      } else {
        graph.message(GRAPH_INITIALIZER, encode(r));
      }
    }
    ProtoWriter model = new ProtoWriter(bytes.length + 64);
    for (ProtoReader.Field f : modelFields) {
      if (f.number() == MODEL_GRAPH && f.wireType() == ProtoReader.LENGTH_DELIMITED) {
        model.message(MODEL_GRAPH, graph);
      } else {
        model.copy(bytes, f);
      }
    }
    return model.toByteArray();
  }

  /** A float32 TensorProto with {@code raw_data}, the layout exporters use for weights. */
  public static ProtoWriter encode(FloatTensor t) {
    ProtoWriter w = new ProtoWriter(4 * t.data().length + 64);
    for (long d : t.shape()) {
      w.varint(TENSOR_DIMS, d);
    }
    w.varint(TENSOR_DATA_TYPE, FLOAT);
    w.string(TENSOR_NAME, t.name());
    w.floats(TENSOR_RAW_DATA, t.data());
    return w;
  }

  private String tensorName(ProtoReader.Field initializer) {
    for (ProtoReader.Field t : ProtoReader.fields(bytes, initializer.start(), initializer.end(), source)) {
      if (t.number() == TENSOR_NAME && t.wireType() == ProtoReader.LENGTH_DELIMITED) {
        return ProtoReader.string(bytes, t);
      }
    }
    throw new OnnxFormatException(source + ": an initializer has no name");
  }

  private OnnxNode node(ProtoReader.Field f) {
    List<String> in = new ArrayList<>();
    List<String> out = new ArrayList<>();
    String name = "";
    String op = "";
    for (ProtoReader.Field n : ProtoReader.fields(bytes, f.start(), f.end(), source)) {
      if (n.wireType() != ProtoReader.LENGTH_DELIMITED) {
        continue;
      }
      switch (n.number()) {
        case NODE_INPUT -> in.add(ProtoReader.string(bytes, n));
        case NODE_OUTPUT -> out.add(ProtoReader.string(bytes, n));
        case NODE_NAME -> name = ProtoReader.string(bytes, n);
        case NODE_OP_TYPE -> op = ProtoReader.string(bytes, n);
        default -> { }
      }
    }
    return new OnnxNode(name, op, in, out);
  }
}
