package dev.bulwark.core.config;

import dev.bulwark.core.ConfigException;
import dev.bulwark.core.ConfigNode;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML (or JSON) into {@link ConfigNode}s that remember their line and column. Only composes the node graph:
 * no objects are constructed from tags, so a hostile file cannot instantiate classes; aliases, depth and size are
 * bounded.
 */
public final class YamlConfigReader {
  private static final int MAX_CHARS = 4 * 1024 * 1024;

  private YamlConfigReader() {}

  public static ConfigNode read(String text, String source) {
    return read(new StringReader(text), source);
  }

  public static ConfigNode read(Reader reader, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    options.setNestingDepthLimit(64);
    options.setCodePointLimit(MAX_CHARS);
    options.setAllowDuplicateKeys(false);
    Node node;
    try {
      node = new Yaml(options).compose(reader);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      throw new ConfigException(location(source, mark), "not valid YAML: " + problem.trim());
    } catch (YAMLException e) {
      throw new ConfigException(source + ": not valid YAML: " + e.getMessage());
    }
    if (node == null) {
      return ConfigNode.Mapping.empty(new ConfigNode.Location(source, 1, 1));
    }
    return convert(node, source);
  }

  private static ConfigNode convert(Node node, String source) {
    ConfigNode.Location where = location(source, node.getStartMark());
    if (node instanceof ScalarNode scalar) {
      boolean isNull = scalar.getTag().equals(Tag.NULL);
      return new ConfigNode.Scalar(isNull ? null : scalar.getValue(), where);
    }
    if (node instanceof SequenceNode seq) {
      List<ConfigNode> items = new ArrayList<>();
      for (Node item : seq.getValue()) {
        items.add(convert(item, source));
      }
      return new ConfigNode.Sequence(items, where);
    }
    if (node instanceof MappingNode map) {
      Map<String, ConfigNode> entries = new LinkedHashMap<>();
      Map<String, ConfigNode.Location> keys = new HashMap<>();
      for (NodeTuple tuple : map.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          throw new ConfigException(location(source, tuple.getKeyNode().getStartMark()), "keys must be plain strings");
        }
        ConfigNode.Location keyWhere = location(source, key.getStartMark());
        if (entries.containsKey(key.getValue())) {
          throw new ConfigException(keyWhere, "duplicate key '" + key.getValue() + "' (first at line " + keys.get(key.getValue()).line() + ")");
        }
        entries.put(key.getValue(), convert(tuple.getValueNode(), source));
        keys.put(key.getValue(), keyWhere);
      }
      return new ConfigNode.Mapping(entries, keys, where);
    }
    throw new ConfigException(where, "unsupported YAML node");
  }

  private static ConfigNode.Location location(String source, Mark mark) {
    return mark == null
        ? new ConfigNode.Location(source, 0, 0)
        : new ConfigNode.Location(source, mark.getLine() + 1, mark.getColumn() + 1);
  }
}
