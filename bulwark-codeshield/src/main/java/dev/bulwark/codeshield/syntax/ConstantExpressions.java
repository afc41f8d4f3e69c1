package dev.bulwark.codeshield.syntax;

import java.util.Set;
import java.util.regex.Pattern;
import org.treesitter.TSNode;

/**
 * Decides whether an expression is a compile-time constant (a literal, a concatenation of literals, an ALL_CAPS name),
 * across grammars. This is what "non-literal argument" rules ask: {@code os.system("ls")} is fine,
 * {@code os.system("ls " + d)} and {@code os.system(f"ls {d}")} are not.
 */
final class ConstantExpressions {
  private static final Set<String> LITERALS = Set.of(
      "string", "string_literal", "interpreted_string_literal", "raw_string_literal", "char_literal",
      "character_literal", "integer", "float", "number", "integer_literal", "float_literal", "decimal_integer_literal",
      "hex_integer_literal", "decimal_floating_point_literal", "real_literal", "boolean_literal", "true", "false", "null",
      "null_literal", "none", "nil", "concatenated_string", "encapsed_string", "verbatim_string_literal",
      "line_string_literal", "multi_line_string_literal", "text_block", "string_fragment", "raw_string",
      "template_string", "heredoc", "nowdoc", "boolean", "unit", "simple_symbol", "sizeof_expression", "number_literal");
  /** Node types inside a string literal that make it dynamic. */
  private static final Set<String> INTERPOLATIONS = Set.of(
      "interpolation", "template_substitution", "string_interpolation", "interpolated_expression",
      "interpolated_identifier", "variable_name", "simple_variable", "dynamic_variable_name", "member_access_expression",
      "subscript_expression", "expression", "interpolated_string_expression");
  /** Expression wrappers whose value is constant when every named child is. */
  private static final Set<String> COMPOSITES = Set.of(
      "binary_expression", "binary_operator", "parenthesized_expression", "additive_expression",
      "concatenation_expression", "argument", "value_argument", "string_concatenation");
  private static final Pattern CONSTANT_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

  private ConstantExpressions() {}

  static boolean isConstant(TSNode node, SyntaxTree tree) {
    return isConstant(node, tree, 0);
  }

  private static boolean isConstant(TSNode node, SyntaxTree tree, int depth) {
    if (node == null || node.isNull() || depth > 12) {
      return false;
    }
    String type = node.getType();
    if (LITERALS.contains(type)) {
      return !hasInterpolation(node, 0);
    }
    if (COMPOSITES.contains(type)) {
      int count = node.getNamedChildCount();
      if (count == 0) {
        return false;
      }
      for (int i = 0; i < count; i++) {
        TSNode child = node.getNamedChild(i);
        if (child.getType().equals("comment")) {
          continue;
        }
        if (!isConstant(child, tree, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (type.equals("identifier") || type.equals("constant") || type.equals("name")) {
      return CONSTANT_NAME.matcher(tree.text(node)).matches();
    }
    return false;
  }

  private static boolean hasInterpolation(TSNode node, int depth) {
    if (depth > 6) {
      return true;
    }
    int count = node.getNamedChildCount();
    for (int i = 0; i < count; i++) {
      TSNode child = node.getNamedChild(i);
      if (INTERPOLATIONS.contains(child.getType()) || hasInterpolation(child, depth + 1)) {
        return true;
      }
    }
    return false;
  }
}
