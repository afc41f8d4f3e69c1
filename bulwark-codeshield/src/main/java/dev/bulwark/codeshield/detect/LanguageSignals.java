package dev.bulwark.codeshield.detect;

import dev.bulwark.codeshield.Language;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Cheap evidence for each language: weighted regexes over the first lines of a block. Strong markers (a shebang,
 * {@code <?php}, {@code package main}, {@code #include <iostream>}) outweigh idioms that several languages share.
 */
final class LanguageSignals {
  record Signal(Language language, Pattern pattern, int weight) {}

  static final List<Signal> ALL = build();

  private LanguageSignals() {}

  private static List<Signal> build() {
    Map<Language, List<Object[]>> m = new EnumMap<>(Language.class);
    add(m, Language.PYTHON,
        "^\\s*def \\w+\\s*\\([^)\\n]{0,200}\\)\\s*(?:->[^:\\n]{1,60})?:\\s*$", 6,
        "^\\s*(?:from [\\w.]+ )?import [\\w.]+(?: as \\w+)?(?:, ?[\\w.]+)*\\s*$", 3,
        "^\\s*(?:if|elif|while|for|with|try|except|else|class)\\b[^\\n{;]{0,200}:\\s*(?:#.*)?$", 3,
        "\\bself\\.\\w+", 2,
        "^\\s*elif\\b", 5,
        "\\bprint\\(", 1,
        "^#!.{0,40}python", 20,
        "\\bNone\\b|\\bTrue\\b|\\bFalse\\b", 1,
        "^\\s*@\\w+(?:\\.\\w+)*(?:\\(.*\\))?\\s*$", 1,
        "__name__\\s*==\\s*['\"]__main__['\"]", 10,
        "\\blen\\(|\\brange\\(", 1);
    add(m, Language.JAVA,
        "^\\s*(?:public|private|protected)?\\s*(?:final\\s+|abstract\\s+)?class\\s+\\w+", 3,
        "^\\s*import\\s+(?:static\\s+)?(?:java|javax|org|com|android)\\.[\\w.*]+;", 8,
        "^\\s*package\\s+[\\w.]+;", 8,
        "\\bSystem\\.(?:out|err)\\.print", 6,
        "\\bpublic\\s+static\\s+void\\s+main\\s*\\(\\s*String", 10,
        "\\b(?:public|private|protected)\\s+(?:static\\s+)?(?:final\\s+)?[\\w<>\\[\\], ]{1,60}\\s+\\w+\\s*\\([^)]{0,200}\\)\\s*(?:throws [\\w., ]+)?\\{", 3,
        "@Override|@Autowired|@Test\\b", 3,
        "\\bnew\\s+\\w+(?:<[^>]{0,40}>)?\\(", 1,
        "\\bString\\[\\]|\\bArrayList<|\\bHashMap<", 3);
    add(m, Language.CSHARP,
        "^\\s*using\\s+System(?:\\.[\\w.]+)?;", 10,
        "^\\s*namespace\\s+[\\w.]+", 4,
        "\\bConsole\\.Write", 6,
        "\\[Http(?:Get|Post|Put|Delete)\\]|\\[Authorize\\]|\\[Test\\]|\\[Fact\\]", 6,
        "\\b(?:public|private|internal|protected)\\s+(?:static\\s+)?(?:async\\s+)?(?:override\\s+)?[\\w<>\\[\\]]+\\s+[A-Z]\\w*\\s*\\(", 2,
        "\\bvar\\s+\\w+\\s*=\\s*new\\b", 2,
        "\\{\\s*get;\\s*set;\\s*\\}", 8,
        "\\bstring\\s+\\w+\\s*=", 2,
        "\\.ToString\\(\\)|\\bforeach\\s*\\(\\s*var\\b", 3);
    add(m, Language.C,
        "^\\s*#\\s*include\\s*<(?:stdio|stdlib|string|unistd|sys/\\w+|stdint|stdbool|errno|fcntl|signal|time|math|ctype|assert|limits|openssl/\\w+)\\.h>", 6,
        "^\\s*#\\s*(?:include|define|ifdef|ifndef|endif|pragma)\\b", 3,
        "\\b(?:printf|fprintf|malloc|calloc|free|memcpy|strcpy|strlen|sizeof)\\s*\\(", 2,
        "\\bint\\s+main\\s*\\(", 4,
        "\\b(?:unsigned|char|int|void|struct|size_t|uint\\d+_t)\\s*\\*+\\s*\\w+", 2,
        "->\\w+", 1,
        "\\bNULL\\b", 2);
    add(m, Language.CPP,
        "^\\s*#\\s*include\\s*<(?:iostream|vector|string|map|memory|algorithm|fstream|sstream|unordered_map|set|thread|mutex|cstdio|cstdlib|cstring)>", 10,
        "\\bstd::", 6,
        "\\b(?:cout|cerr|endl)\\b", 4,
        "^\\s*(?:template\\s*<|namespace\\s+\\w+\\s*\\{|using\\s+namespace\\s+)", 6,
        "\\b(?:class|struct)\\s+\\w+\\s*(?::\\s*(?:public|private)\\s+\\w+)?\\s*\\{", 2,
        "\\w::\\w+\\s*\\(", 2,
        "\\b(?:nullptr|auto|const_cast|static_cast|reinterpret_cast|unique_ptr|shared_ptr)\\b", 4,
        "\\bnew\\s+\\w+\\s*\\[", 2);
    add(m, Language.JAVASCRIPT,
        "^\\s*(?:const|let|var)\\s+\\w+\\s*=", 2,
        "\\bfunction\\s*\\w*\\s*\\(", 3,
        "=>\\s*[{(]?", 2,
        "\\brequire\\(\\s*['\"][\\w@./-]+['\"]\\s*\\)", 6,
        "\\bconsole\\.(?:log|error|warn)\\(", 4,
        "\\bmodule\\.exports\\b|\\bexports\\.\\w+", 6,
        "\\bdocument\\.|\\bwindow\\.", 4,
        "===|!==", 2,
        "^\\s*import\\s+[\\w{}*, ]+\\s+from\\s+['\"]", 5,
        "\\basync\\s+function\\b|\\bawait\\b", 1,
        "^#!.{0,40}node", 20);
    add(m, Language.TYPESCRIPT,
        "^\\s*(?:export\\s+)?(?:interface|type)\\s+\\w+(?:<[^>]{0,40}>)?\\s*(?:=|\\{|extends)", 8,
        "\\b\\w+\\s*:\\s*(?:string|number|boolean|any|void|unknown|never)(?:\\[\\])?\\s*[,;)=]", 6,
        "\\)\\s*:\\s*(?:Promise<|string|number|boolean|void)\\b", 6,
        "\\b(?:private|public|readonly)\\s+\\w+\\s*:", 4,
        "\\bas\\s+(?:string|number|any|unknown)\\b", 4);
    add(m, Language.PHP,
        "<\\?php", 30,
        "\\$\\w+\\s*=", 3,
        "\\$_(?:GET|POST|REQUEST|COOKIE|SERVER|SESSION|FILES)\\b", 10,
        "\\becho\\s+[\"'$]", 3,
        "\\$this->", 8,
        "\\bfunction\\s+\\w+\\s*\\(\\s*\\$", 8,
        "\\barray\\s*\\(", 2);
    add(m, Language.RUST,
        "\\bfn\\s+\\w+\\s*(?:<[^>]{0,60}>)?\\s*\\(", 6,
        "\\blet\\s+mut\\b", 8,
        "\\b(?:println|format|vec|panic|assert_eq)!\\s*[(\\[]", 8,
        "^\\s*use\\s+(?:std|crate|super|self)::", 10,
        "\\bimpl(?:<[^>]{0,60}>)?\\s+\\w+", 4,
        "\\b(?:Option|Result|Vec|Box)<", 3,
        "\\.unwrap\\(\\)|\\bSome\\(|\\bOk\\(", 3,
        "&mut\\s+\\w+|&'\\w+", 4);
    add(m, Language.GO,
        "^\\s*package\\s+\\w+\\s*$", 10,
        "^\\s*import\\s+(?:\\(|\"[\\w./-]+\")", 4,
        "\\bfunc\\s+(?:\\(\\s*\\w+\\s+\\*?\\w+\\s*\\)\\s*)?\\w+\\s*\\(", 8,
        "\\w+\\s*:=\\s*", 4,
        "\\bfmt\\.(?:Print|Sprintf|Errorf)", 8,
        "\\bif\\s+err\\s*!=\\s*nil\\b", 10);
    add(m, Language.KOTLIN,
        "\\bfun\\s+(?:<[^>]{0,40}>\\s*)?\\w+\\s*\\(", 8,
        "^\\s*(?:val|var)\\s+\\w+\\s*(?::\\s*\\w+)?\\s*=", 3,
        "\\bprintln\\(", 2,
        "^\\s*import\\s+(?:kotlin|android|androidx|java)\\.[\\w.]+\\s*$", 6,
        "\\b(?:data\\s+class|object\\s+\\w+|companion\\s+object|when\\s*\\()", 6,
        "\\?\\.|!!\\.", 3);
    add(m, Language.SWIFT,
        "^\\s*import\\s+(?:UIKit|Foundation|SwiftUI|Security|CommonCrypto|CryptoKit)\\s*$", 12,
        "\\bfunc\\s+\\w+\\s*\\([^)]{0,200}\\)\\s*(?:->|\\{|throws)", 6,
        "\\bguard\\s+let\\b|\\bif\\s+let\\b", 8,
        "^\\s*(?:let|var)\\s+\\w+\\s*(?::\\s*[\\w\\[\\]?]+)?\\s*=", 2,
        "\\bprint\\(", 1);
    add(m, Language.RUBY,
        "^\\s*def\\s+[\\w.?!]+(?:\\s*\\(.*\\))?\\s*$", 4,
        "^\\s*end\\s*$", 4,
        "^\\s*require\\s+['\"][\\w/]+['\"]\\s*$", 6,
        "\\bputs\\b", 4,
        "\\.each\\s+do\\s*\\||\\bdo\\s*\\|\\w+\\|", 8,
        "^\\s*(?:module|class)\\s+[A-Z]\\w*(?:\\s*<\\s*[\\w:]+)?\\s*$", 3,
        "^#!.{0,40}ruby", 20,
        "@\\w+\\s*=", 1);
    add(m, Language.SHELL,
        "^#!\\s*/(?:usr/)?bin/(?:env\\s+)?(?:ba|z|k|da)?sh\\b", 30,
        "^\\s*(?:if\\s+\\[|fi\\s*$|then\\s*$|done\\s*$|esac\\s*$|do\\s*$)", 8,
        "^\\s*(?:sudo\\s+)?(?:apt(?:-get)?|yum|brew|pip3?|npm|git|cd|ls|mkdir|rm|cp|mv|chmod|chown|curl|wget|export|echo|cat|grep|tar|docker|kubectl|systemctl)\\s", 3,
        "\\$\\{?\\w+\\}?", 1,
        "\\|\\s*(?:grep|awk|sed|xargs|sort|head|tail|wc|sh|bash)\\b", 4,
        "^\\s*\\$\\s+\\w", 4);
    add(m, Language.OBJECTIVE_C,
        "^\\s*#import\\s*[<\"]", 10,
        "@(?:interface|implementation|property|synthesize|end)\\b", 10,
        "\\[\\[?\\w+\\s+\\w+(?::|\\])", 4,
        "\\bNS(?:String|Array|Dictionary|Data|URL|Object)\\b", 6,
        "@\"", 4);
    add(m, Language.XML,
        "^\\s*<\\?xml\\b", 30,
        "^\\s*<(?:manifest|configuration|project|application|beans|web-app)\\b", 10,
        "^\\s*</?\\w+(?::\\w+)?(?:\\s+[\\w:]+=\"[^\"]*\")*\\s*/?>\\s*$", 2);
    List<Signal> out = new ArrayList<>();
    m.forEach((lang, list) -> {
      for (Object[] pair : list) {
        out.add(new Signal(lang, Pattern.compile((String) pair[0], Pattern.MULTILINE), (Integer) pair[1]));
      }
    });
    return List.copyOf(out);
  }

  private static void add(Map<Language, List<Object[]>> m, Language lang, Object... pairs) {
    List<Object[]> list = m.computeIfAbsent(lang, k -> new ArrayList<>());
    for (int i = 0; i < pairs.length; i += 2) {
      list.add(new Object[] {pairs[i], pairs[i + 1]});
    }
  }
}
