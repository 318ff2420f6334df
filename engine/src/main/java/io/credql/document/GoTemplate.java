package io.credql.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * A parsed Go {@code text/template} of the subset StackQL's registry documents write in their
 * {@code transform} bodies, run over a decoded JSON body as any-sdk runs it (Go's template package
 * with sprig's {@code toJson} and {@code kindOf} and any-sdk's {@code jsonMapFromString} and
 * {@code separator}, {@code pkg/stream_transform}).
 *
 * <p>Supported: text with {@code {{- }}}/{@code {{ -}}} trimming and comments; pipelines (with
 * {@code |}) of fields ({@code .a.b}, {@code $v.a}), variables ({@code $v := ...}, {@code $v = ...},
 * {@code $}), parenthesised pipelines and string, number, {@code true}/{@code false}/{@code nil}
 * literals; {@code if}/{@code else if}/{@code else}, {@code range} (over lists, and over maps in key
 * order, with {@code else}) and {@code with}; the functions {@code and or not len index printf print
 * eq ne lt le gt ge call toJson kindOf jsonMapFromString separator}. A template using anything else
 * is refused when the document is read, naming what it met. Values are Go's view of decoded JSON:
 * every number is a float64, printed as Go prints one ({@code 1234567} prints {@code 1.234567e+06}).
 */
public final class GoTemplate {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FUNCTIONS = Set.of("and", "or", "not", "len", "index", "printf", "print",
      "eq", "ne", "lt", "le", "gt", "ge", "call", "toJson", "kindOf", "jsonMapFromString", "separator");
  private static final String NO_VALUE = "<no value>";

  private final List<Node> nodes;

  private GoTemplate(List<Node> nodes) {
    this.nodes = nodes;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming what is not understood
   */
  public static GoTemplate parse(String text) {
    final Parser parser = new Parser(text);
    return new GoTemplate(parser.list(Set.of()));
  }

  /**
   * Runs the template over {@code data} (a decoded JSON tree, or the body's text) and returns the output.
   *
   * @throws IllegalArgumentException when the template cannot be run over this data, saying why
   */
  public String execute(@Nullable Object data) {
    final Object root = data instanceof JsonNode ? JSON.convertValue(data, Object.class) : data;
    final StringBuilder out = new StringBuilder();
    final Scope scope = new Scope();
    scope.declare("$", root);
    run(nodes, root, scope, out);
    return out.toString();
  }

  private static void run(List<Node> nodes, @Nullable Object dot, Scope scope, StringBuilder out) {
    for (Node node : nodes) {
      node.run(dot, scope, out);
    }
  }

  /** One piece of a template: text, an action, or a block. */
  private interface Node {
    void run(@Nullable Object dot, Scope scope, StringBuilder out);
  }

  /** Variables, innermost block last. */
  private static final class Scope {
    private final Deque<Map<String, @Nullable Object>> frames = new ArrayDeque<>();

    Scope() {
      frames.push(new HashMap<>());
    }

    void push() {
      frames.push(new HashMap<>());
    }

    void pop() {
      frames.pop();
    }

    void declare(String name, @Nullable Object value) {
      requireNonNull(frames.peek(), "frame").put(name, value);
    }

    void assign(String name, @Nullable Object value) {
      for (Map<String, @Nullable Object> frame : frames) {
        if (frame.containsKey(name)) {
          frame.put(name, value);
          return;
        }
      }
      throw new IllegalArgumentException("undefined variable " + name);
    }

    @Nullable Object get(String name) {
      for (Map<String, @Nullable Object> frame : frames) {
        if (frame.containsKey(name)) {
          return frame.get(name);
        }
      }
      throw new IllegalArgumentException("undefined variable " + name);
    }
  }

  private record Text(String text) implements Node {
    @Override public void run(@Nullable Object dot, Scope scope, StringBuilder out) {
      out.append(text);
    }
  }

  /**
   * A failure while running one action, named by the action's text as the document writes it
   * ({@code {{ toJson .password }}}), which names the fields it reads, never by a value.
   */
  private static final class ActionFailure extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ActionFailure(String source, IllegalArgumentException problem) {
      super("{{ " + source + " }}: " + problem.getMessage());
    }

    /** {@code problem} named by the innermost action it happened in. */
    static IllegalArgumentException of(String source, IllegalArgumentException problem) {
      return problem instanceof ActionFailure ? problem : new ActionFailure(source, problem);
    }
  }

  /** {@code pipeline}'s value, a failure named by the action's {@code source} text. */
  private static @Nullable Object evaluate(Pipeline pipeline, String source, @Nullable Object dot, Scope scope) {
    try {
      return pipeline.evaluate(dot, scope);
    } catch (IllegalArgumentException e) {
      throw ActionFailure.of(source, e);
    }
  }

  private record Action(Pipeline pipeline, String source) implements Node {
    @Override public void run(@Nullable Object dot, Scope scope, StringBuilder out) {
      final Object value = evaluate(pipeline, source, dot, scope);
      if (pipeline.variables.isEmpty()) {
        out.append(print(value));
      }
    }
  }

  private record If(Pipeline condition, String source, List<Node> then, List<Node> otherwise, boolean with)
      implements Node {
    @Override public void run(@Nullable Object dot, Scope scope, StringBuilder out) {
      scope.push();
      try {
        final Object value = evaluate(condition, source, dot, scope);
        if (truth(value)) {
          GoTemplate.run(then, with ? value : dot, scope, out);
        } else {
          GoTemplate.run(otherwise, dot, scope, out);
        }
      } finally {
        scope.pop();
      }
    }
  }

  private record Range(Pipeline over, String source, List<Node> body, List<Node> otherwise) implements Node {
    @Override public void run(@Nullable Object dot, Scope scope, StringBuilder out) {
      scope.push();
      try {
        final Object value = evaluate(over, source, dot, scope);
        final List<Map.Entry<Object, @Nullable Object>> elements = new ArrayList<>();
        if (value instanceof List<?> list) {
          for (int i = 0; i < list.size(); i++) {
            elements.add(new java.util.AbstractMap.SimpleEntry<>(i, list.get(i)));
          }
        } else if (value instanceof Map<?, ?> map) {
          for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
            elements.add(new java.util.AbstractMap.SimpleEntry<>(entry.getKey(), entry.getValue()));
          }
        } else if (value != null) {
          throw new ActionFailure(source, new IllegalArgumentException("range can't iterate over a " + kind(value)));
        }
        if (elements.isEmpty()) {
          GoTemplate.run(otherwise, dot, scope, out);
          return;
        }
        final List<String> names = over.variables;
        for (Map.Entry<Object, @Nullable Object> element : elements) {
          scope.push();
          if (names.size() == 1) {
            scope.declare(names.get(0), element.getValue());
          } else if (names.size() == 2) {
            scope.declare(names.get(0), element.getKey());
            scope.declare(names.get(1), element.getValue());
          }
          GoTemplate.run(body, element.getValue(), scope, out);
          scope.pop();
        }
      } finally {
        scope.pop();
      }
    }
  }

  /** A pipeline: optional variables it declares or assigns, then commands joined by {@code |}. */
  private static final class Pipeline {
    final List<String> variables = new ArrayList<>();
    boolean assign;
    final List<List<Operand>> commands = new ArrayList<>();

    @Nullable Object evaluate(@Nullable Object dot, Scope scope) {
      Object value = null;
      boolean first = true;
      for (List<Operand> command : commands) {
        value = command(command, dot, scope, first ? null : new Object[] {value});
        first = false;
      }
      // a range declares its own per element
      if (variables.size() == 1) {
        if (assign) {
          scope.assign(variables.get(0), value);
        } else {
          scope.declare(variables.get(0), value);
        }
      }
      return value;
    }
  }

  private static @Nullable Object command(List<Operand> command, @Nullable Object dot, Scope scope,
      Object @Nullable [] piped) {
    final Operand head = command.get(0);
    if (head instanceof Function function) {
      final List<Operand> rest = command.subList(1, command.size());
      if (function.name.equals("and") || function.name.equals("or")) {
        // Go stops at the first operand that decides: later ones are not evaluated
        final boolean or = function.name.equals("or");
        Object value = null;
        for (Operand operand : rest) {
          value = operand.value(dot, scope);
          if (truth(value) == or) {
            return value;
          }
        }
        return piped != null ? piped[0] : value;
      }
      final List<@Nullable Object> args = new ArrayList<>();
      for (Operand operand : rest) {
        args.add(operand.value(dot, scope));
      }
      if (piped != null) {
        args.add(piped[0]);
      }
      return call(function.name, args);
    }
    if (command.size() > 1 || piped != null) {
      throw new IllegalArgumentException("can't give arguments to a non-function " + head);
    }
    return head.value(dot, scope);
  }

  private static @Nullable Object call(String name, List<@Nullable Object> args) {
    switch (name) {
    case "not":
      return !truth(arg(args, 0, name));
    case "len":
      return (double) length(arg(args, 0, name));
    case "index": {
      Object value = arg(args, 0, name);
      for (int i = 1; i < args.size(); i++) {
        value = index(value, args.get(i));
      }
      return value;
    }
    case "printf":
      return printf(String.valueOf(arg(args, 0, name)), args.subList(1, args.size()));
    case "print": {
      final StringBuilder text = new StringBuilder();
      for (int i = 0; i < args.size(); i++) {
        // Go's fmt.Sprint puts a space between operands when neither is a string
        if (i > 0 && !(args.get(i) instanceof String) && !(args.get(i - 1) instanceof String)) {
          text.append(' ');
        }
        text.append(print(args.get(i)));
      }
      return text.toString();
    }
    case "eq": {
      final Object first = arg(args, 0, name);
      for (int i = 1; i < args.size(); i++) {
        if (equal(first, args.get(i))) {
          return true;
        }
      }
      return false;
    }
    case "ne":
      return !equal(arg(args, 0, name), arg(args, 1, name));
    case "lt":
      return compare(arg(args, 0, name), arg(args, 1, name)) < 0;
    case "le":
      return compare(arg(args, 0, name), arg(args, 1, name)) <= 0;
    case "gt":
      return compare(arg(args, 0, name), arg(args, 1, name)) > 0;
    case "ge":
      return compare(arg(args, 0, name), arg(args, 1, name)) >= 0;
    case "call": {
      final Object function = arg(args, 0, name);
      if (function instanceof Separator separator) {
        return separator.next();
      }
      throw new IllegalArgumentException("call of a non-function (a " + kind(function) + ")");
    }
    case "toJson":
      try {
        return JSON.writeValueAsString(arg(args, 0, name));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("toJson cannot write its " + kind(args.get(0)) + " as JSON");
      }
    case "kindOf":
      return kind(arg(args, 0, name));
    case "jsonMapFromString":
      try {
        final Object map = JSON.readValue(String.valueOf(arg(args, 0, name)), Object.class);
        if (map != null && !(map instanceof Map)) {
          throw new IllegalArgumentException("jsonMapFromString: the text is JSON but not an object");
        }
        return map;
      } catch (JsonProcessingException e) {
        // Jackson's message quotes the token it stopped at, which may be a secret: not kept, not chained
        throw new IllegalArgumentException("jsonMapFromString: the text is not JSON");
      }
    case "separator":
      return new Separator(String.valueOf(arg(args, 0, name)));
    default:
      throw new IllegalArgumentException("function " + name + " is not defined");
    }
  }

  private static @Nullable Object arg(List<@Nullable Object> args, int i, String function) {
    if (i >= args.size()) {
      throw new IllegalArgumentException("wrong number of args for " + function);
    }
    return args.get(i);
  }

  /** any-sdk's {@code separator}: a function giving "" the first time it is called, then its text. */
  private static final class Separator {
    private final String text;
    private boolean called;

    Separator(String text) {
      this.text = text;
    }

    String next() {
      final String value = called ? text : "";
      called = true;
      return value;
    }
  }

  private static @Nullable Object index(@Nullable Object value, @Nullable Object key) {
    if (value instanceof Map<?, ?> map) {
      return map.get(String.valueOf(key));
    }
    if (value instanceof List<?> list && key instanceof Number number) {
      final int i = number.intValue();
      if (i < 0 || i >= list.size()) {
        throw new IllegalArgumentException("index out of range of a list of " + list.size());
      }
      return list.get(i);
    }
    if (value == null) {
      // any-sdk's documents index optional fields of absent objects; Go would stop here, we give nil
      return null;
    }
    throw new IllegalArgumentException("can't index item of type " + kind(value));
  }

  private static int length(@Nullable Object value) {
    if (value instanceof String text) {
      return text.length();
    }
    if (value instanceof List<?> list) {
      return list.size();
    }
    if (value instanceof Map<?, ?> map) {
      return map.size();
    }
    throw new IllegalArgumentException("len of " + kind(value));
  }

  /** The reflect kind sprig's {@code kindOf} names for a decoded JSON value. */
  private static String kind(@Nullable Object value) {
    if (value == null) {
      return "invalid";
    }
    if (value instanceof Map) {
      return "map";
    }
    if (value instanceof List) {
      return "slice";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Number) {
      return "float64";
    }
    return "func";
  }

  /** Go's truth: false, 0, nil, and empty strings, lists and maps are false. */
  private static boolean truth(@Nullable Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean bool) {
      return bool;
    }
    if (value instanceof Number number) {
      return number.doubleValue() != 0;
    }
    if (value instanceof String || value instanceof List || value instanceof Map) {
      return length(value) > 0;
    }
    return true;
  }

  private static boolean equal(@Nullable Object a, @Nullable Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return a == null ? b == null : a.equals(b);
  }

  private static int compare(@Nullable Object a, @Nullable Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    throw new IllegalArgumentException("incompatible types for comparison: " + kind(a) + " and " + kind(b));
  }

  /** Go's {@code fmt.Sprintf} for the verbs templates use: {@code %s %v %d %q %%}. */
  private static String printf(String format, List<@Nullable Object> args) {
    final StringBuilder out = new StringBuilder();
    int next = 0;
    for (int i = 0; i < format.length(); i++) {
      final char c = format.charAt(i);
      if (c != '%' || i + 1 >= format.length()) {
        out.append(c);
        continue;
      }
      final char verb = format.charAt(++i);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (next >= args.size()) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      final Object arg = args.get(next++);
      switch (verb) {
      case 'q':
        try {
          out.append(JSON.writeValueAsString(arg instanceof String ? arg : print(arg)));
        } catch (JsonProcessingException e) {
          throw new IllegalArgumentException("printf %q cannot quote its " + kind(arg));
        }
        break;
      case 'd':
        out.append(arg instanceof Number number ? Long.toString(number.longValue()) : "%!d(" + print(arg) + ")");
        break;
      case 's':
      case 'v':
        out.append(format(arg));
        break;
      default:
        // the format may come from the data: its verb is not quoted
        throw new IllegalArgumentException("printf's format uses a verb other than %s %v %d %q %%");
      }
    }
    return out.toString();
  }

  /** How an action prints a value: Go's {@code fmt} of the decoded value, {@code <no value>} for nil. */
  private static String print(@Nullable Object value) {
    return value == null ? NO_VALUE : format(value);
  }

  /** Go's {@code %v} of a decoded JSON value. */
  private static String format(@Nullable Object value) {
    if (value == null) {
      return "<nil>";
    }
    if (value instanceof Number number) {
      return goFloat(number.doubleValue());
    }
    if (value instanceof Map<?, ?> map) {
      final StringBuilder text = new StringBuilder("map[");
      for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
        text.append(text.length() > 4 ? " " : "").append(entry.getKey()).append(':').append(format(entry.getValue()));
      }
      return text.append(']').toString();
    }
    if (value instanceof List<?> list) {
      final StringBuilder text = new StringBuilder("[");
      for (Object element : list) {
        text.append(text.length() > 1 ? " " : "").append(format(element));
      }
      return text.append(']').toString();
    }
    return value.toString();
  }

  /** Go's {@code fmt} {@code %v} of a float64 ({@code 'g'}, shortest): exponent form from 1e+06 up and below 1e-04. */
  static String goFloat(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == 0) {
      return 1 / value < 0 ? "-0" : "0";
    }
    final BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
    final String digits = decimal.unscaledValue().abs().toString();
    final int exponent = digits.length() - decimal.scale() - 1;
    final String sign = value < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 6) {
      final String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
          + Math.abs(exponent);
    }
    return sign + decimal.abs().toPlainString();
  }

  /** An operand of a command: a function name, a literal, or a field chain off dot, a variable or a pipeline. */
  private interface Operand {
    @Nullable Object value(@Nullable Object dot, Scope scope);
  }

  private record Function(String name) implements Operand {
    @Override public @Nullable Object value(@Nullable Object dot, Scope scope) {
      return call(name, List.of());
    }
  }

  private record Literal(@Nullable Object literal) implements Operand {
    @Override public @Nullable Object value(@Nullable Object dot, Scope scope) {
      return literal;
    }
  }

  /** {@code .a.b}, {@code $v.a} or {@code (pipeline).a}: a start and the fields read from it. */
  private record Chain(@Nullable String variable, @Nullable Pipeline inner, List<String> fields) implements Operand {
    @Override public @Nullable Object value(@Nullable Object dot, Scope scope) {
      Object value = variable != null ? scope.get(variable) : inner != null ? inner.evaluate(dot, scope) : dot;
      for (String field : fields) {
        if (value instanceof Map<?, ?> map) {
          value = map.get(field);
        } else if (value == null) {
          return null;
        } else {
          throw new IllegalArgumentException("can't evaluate field " + field + " in type " + kind(value));
        }
      }
      return value;
    }
  }

  private record ElseChain(String keyword, Pipeline pipeline, String source) {
  }

  /** Reads the template text into nodes. */
  private static final class Parser {
    private final String text;
    private int at;
    private @Nullable String pendingKeyword;
    /** After {@code {{ else if x }}} or {@code {{ else with x }}}: the block it opens. */
    private @Nullable ElseChain pendingChain;

    Parser(String text) {
      this.text = text;
    }

    /** Nodes up to one of {@code stops} ({@code end}, {@code else}), left in {@link #pendingKeyword}. */
    List<Node> list(Set<String> stops) {
      final List<Node> nodes = new ArrayList<>();
      pendingKeyword = null;
      while (at < text.length()) {
        final int open = text.indexOf("{{", at);
        final int close = open < 0 ? -1 : text.indexOf("}}", open + 2);
        if (open >= 0 && close < 0) {
          throw new IllegalArgumentException("unclosed action");
        }
        final boolean trimLeft = open >= 0 && text.charAt(open + 2) == '-' && open + 3 < close
            && Character.isWhitespace(text.charAt(open + 3));
        final String chunk = open < 0 ? text.substring(at) : text.substring(at, open);
        final String kept = trimLeft ? chunk.stripTrailing() : chunk;
        if (!kept.isEmpty()) {
          nodes.add(new Text(kept));
        }
        if (open < 0) {
          at = text.length();
          break;
        }
        final boolean trimRight = close - 1 > open + 2 && text.charAt(close - 1) == '-'
            && Character.isWhitespace(text.charAt(close - 2));
        final String inside = text.substring(open + 2 + (trimLeft ? 1 : 0), close - (trimRight ? 1 : 0)).trim();
        at = close + 2;
        if (trimRight) {
          while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
          }
        }
        if (inside.startsWith("/*")) {
          continue;
        }
        final Lexer lexer = new Lexer(inside);
        final String keyword = lexer.keyword();
        if (keyword == null) {
          nodes.add(new Action(lexer.pipeline(), inside));
          continue;
        }
        switch (keyword) {
        case "end":
        case "else":
          if (!stops.contains(keyword)) {
            throw new IllegalArgumentException("unexpected {{ " + keyword + " }}");
          }
          pendingKeyword = keyword;
          // "else if" / "else with": the rest of the action opens a nested block
          pendingChain = lexer.atEnd() ? null : lexer.elseChain();
          return nodes;
        case "if":
        case "with":
          nodes.add(block(keyword, lexer.pipeline(), inside));
          break;
        case "range":
          nodes.add(range(lexer.pipeline(), inside));
          break;
        default:
          throw new IllegalArgumentException("{{ " + keyword + " }} is not supported");
        }
      }
      if (!stops.isEmpty()) {
        throw new IllegalArgumentException("a block is not closed with {{ end }}");
      }
      return nodes;
    }

    private Node block(String keyword, Pipeline condition, String source) {
      final List<Node> then = list(Set.of("else", "end"));
      List<Node> otherwise = List.of();
      if ("else".equals(pendingKeyword)) {
        final ElseChain chain = pendingChain;
        pendingChain = null;
        // {{ else if x }} is {{ else }}{{ if x }} ... whose {{ end }} closes both
        otherwise = chain != null ? List.of(block(chain.keyword(), chain.pipeline(), chain.source()))
            : list(Set.of("end"));
      }
      pendingKeyword = null;
      return new If(condition, source, then, otherwise, keyword.equals("with"));
    }

    private Node range(Pipeline over, String source) {
      if (over.variables.size() > 2 || over.assign) {
        throw new IllegalArgumentException("range declares one or two variables with :=");
      }
      final List<Node> body = list(Set.of("else", "end"));
      List<Node> otherwise = List.of();
      if ("else".equals(pendingKeyword)) {
        otherwise = list(Set.of("end"));
      }
      pendingKeyword = null;
      return new Range(over, source, body, otherwise);
    }

    /** Splits the words of one action. */
    private final class Lexer {
      private final String action;
      private int pos;

      Lexer(String action) {
        this.action = action;
      }

      boolean atEnd() {
        skipSpace();
        return pos >= action.length();
      }

      @Nullable String keyword() {
        skipSpace();
        for (String keyword : new String[] {"if", "else", "end", "range", "with", "define", "template", "block",
            "break", "continue"}) {
          if (action.startsWith(keyword, pos) && (pos + keyword.length() == action.length()
              || !Character.isLetterOrDigit(action.charAt(pos + keyword.length())))) {
            pos += keyword.length();
            return keyword;
          }
        }
        return null;
      }

      /** After {@code else}: {@code if pipeline} or {@code with pipeline}. */
      ElseChain elseChain() {
        final String keyword = keyword();
        if (keyword == null || !keyword.equals("if") && !keyword.equals("with")) {
          throw new IllegalArgumentException("{{ else " + action.substring(pos).trim() + " }} is not supported");
        }
        return new ElseChain(keyword, pipeline(), action);
      }

      Pipeline pipeline() {
        final Pipeline pipeline = new Pipeline();
        skipSpace();
        final int mark = pos;
        final List<String> variables = new ArrayList<>();
        while (pos < action.length() && action.charAt(pos) == '$') {
          variables.add(variableName());
          skipSpace();
          if (pos < action.length() && action.charAt(pos) == ',') {
            pos++;
            skipSpace();
            continue;
          }
          break;
        }
        if (!variables.isEmpty() && action.startsWith(":=", pos)) {
          pos += 2;
          pipeline.variables.addAll(variables);
        } else if (variables.size() == 1 && action.startsWith("=", pos) && !action.startsWith("==", pos)) {
          pos += 1;
          pipeline.variables.addAll(variables);
          pipeline.assign = true;
        } else {
          pos = mark;
        }
        commands(pipeline, false);
        return pipeline;
      }

      private void commands(Pipeline pipeline, boolean nested) {
        List<Operand> command = new ArrayList<>();
        while (true) {
          skipSpace();
          if (pos >= action.length() || nested && action.charAt(pos) == ')') {
            break;
          }
          final char c = action.charAt(pos);
          if (c == '|') {
            pos++;
            if (command.isEmpty()) {
              throw new IllegalArgumentException("missing command before |");
            }
            pipeline.commands.add(command);
            command = new ArrayList<>();
            continue;
          }
          command.add(operand());
        }
        if (command.isEmpty()) {
          throw new IllegalArgumentException("missing value in {{ " + action + " }}");
        }
        pipeline.commands.add(command);
      }

      private Operand operand() {
        final char c = action.charAt(pos);
        if (c == '(') {
          pos++;
          final Pipeline inner = new Pipeline();
          commands(inner, true);
          if (pos >= action.length() || action.charAt(pos) != ')') {
            throw new IllegalArgumentException("unclosed ( in {{ " + action + " }}");
          }
          pos++;
          return new Chain(null, inner, fields());
        }
        if (c == '"' || c == '`') {
          return new Literal(string());
        }
        if (c == '$') {
          return new Chain(variableName(), null, fields());
        }
        if (c == '.') {
          if (pos + 1 >= action.length() || !isNameChar(action.charAt(pos + 1))) {
            pos++;
            return new Chain(null, null, List.of());
          }
          return new Chain(null, null, fields());
        }
        if (c == '-' || c == '+' || Character.isDigit(c)) {
          final int start = pos++;
          while (pos < action.length() && (Character.isLetterOrDigit(action.charAt(pos)) || action.charAt(pos) == '.'
              || action.charAt(pos) == '_')) {
            pos++;
          }
          try {
            return new Literal(Double.valueOf(action.substring(start, pos).replace("_", "")));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number " + action.substring(start, pos), e);
          }
        }
        final String word = name();
        switch (word) {
        case "true":
          return new Literal(Boolean.TRUE);
        case "false":
          return new Literal(Boolean.FALSE);
        case "nil":
          return new Literal(null);
        default:
          if (!FUNCTIONS.contains(word)) {
            throw new IllegalArgumentException(word.isEmpty()
                ? "unexpected '" + c + "' in {{ " + action + " }}" : "function " + word + " is not supported");
          }
          return new Function(word);
        }
      }

      private List<String> fields() {
        final List<String> fields = new ArrayList<>();
        while (pos < action.length() && action.charAt(pos) == '.'
            && pos + 1 < action.length() && isNameChar(action.charAt(pos + 1))) {
          pos++;
          fields.add(name());
        }
        return fields;
      }

      private String variableName() {
        pos++;
        return "$" + name();
      }

      private String name() {
        final int start = pos;
        while (pos < action.length() && isNameChar(action.charAt(pos))) {
          pos++;
        }
        return action.substring(start, pos);
      }

      private String string() {
        final char quote = action.charAt(pos++);
        final StringBuilder value = new StringBuilder();
        while (pos < action.length() && action.charAt(pos) != quote) {
          char c = action.charAt(pos++);
          if (c == '\\' && quote == '"' && pos < action.length()) {
            c = action.charAt(pos++);
            switch (c) {
            case 'n':
              value.append('\n');
              break;
            case 't':
              value.append('\t');
              break;
            case 'r':
              value.append('\r');
              break;
            case 'u':
              value.append((char) Integer.parseInt(action.substring(pos, Math.min(pos + 4, action.length())), 16));
              pos += 4;
              break;
            default:
              value.append(c);
            }
            continue;
          }
          value.append(c);
        }
        if (pos >= action.length()) {
          throw new IllegalArgumentException("unterminated string in {{ " + action + " }}");
        }
        pos++;
        return value.toString();
      }

      private void skipSpace() {
        while (pos < action.length() && Character.isWhitespace(action.charAt(pos))) {
          pos++;
        }
      }
    }

    private static boolean isNameChar(char c) {
      return Character.isLetterOrDigit(c) || c == '_';
    }
  }

  @Override public String toString() {
    return "GoTemplate of " + nodes.size() + " nodes";
  }
}
