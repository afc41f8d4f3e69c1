package dev.bulwark.promptguard.embedded;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Features of the shape of an instruction aimed at an AI, independent of its exact wording: a word that addresses an
 * AI (assistant, agent, model, GPT, KI, ИИ, 助手…), override vocabulary (ignore, previous instructions…), an
 * action verb, a target an action could reach (e-mail address, URL, account number, path), secrecy (do not tell the
 * user…), and second-person address. N-grams learn the phrases of the training payloads; these counts let the
 * head recognise a new phrasing with the same parts. Lexicons cover the corpus's 18 languages, lower-cased.
 */
public final class InstructionShape {
  public static final List<String> NAMES = List.of("ai_addressee", "override", "action", "target", "secrecy", "second_person",
      "addressee_and_action", "action_and_target", "override_and_addressee", "secrecy_and_action", "parts");

  private static final String[] ADDRESSEE = {"ai", "a.i.", "assistant", "agent", "model", "llm", "language model", "chatbot", "bot",
      "gpt", "chatgpt", "claude", "gemini", "copilot", "summarizer", "summariser", "ki-", "ki ", "künstliche intelligenz",
      "assistent", "ia ", "asistente", "assistente", "ии", "ии-", "искусственный интеллект", "ассистент", "асистент", "人工智能",
      "助手", "模型", "アシスタント", "モデル", "어시스턴트", "모델", "सहायक", "एआई", "مساعد", "الذكاء الاصطناعي", "yapay zeka",
      "asistan", "trợ lý", "asisten", "ผู้ช่วย", "asystent", "automated agent", "autonomous", "system:", "[system]", "<|im_start|>",
      "[inst]", "### instruction"};
  private static final String[] OVERRIDE = {"ignore", "disregard", "forget", "override", "bypass", "previous instructions",
      "prior instructions", "above instructions", "new instructions", "new task", "instead", "system prompt", "your rules",
      "ignoriere", "vergiss", "ignore toutes", "oublie", "ignora", "olvida", "dimentica", "esqueça", "игнорируй", "забудь",
      "ігноруй", "忽略", "无视", "不要理会", "無視", "忘れて", "무시", "अनदेखा", "تجاهل", "yok say", "bỏ qua", "abaikan", "zignoruj",
      "negeer", "เพิกเฉย", "no longer apply", "objective", "priority"};
  private static final String[] ACTION = {"send", "forward", "email", "e-mail", "transfer", "delete", "remove", "upload", "post ",
      "reveal", "print", "output", "tell the user", "tell them", "say that", "recommend", "approve", "grant", "disable", "run ",
      "execute", "call the", "open ", "visit", "include", "append", "book ", "cancel", "change the", "copy", "share", "reply only",
      "respond", "mark ", "pay ", "wipe", "sende", "leite", "überweise", "lösche", "sage", "envoie", "transfère", "vire", "supprime",
      "dis à", "envía", "reenvía", "transfiere", "borra", "dile", "invia", "inoltra", "trasferisci", "elimina", "envie",
      "encaminhe", "transfira", "apague", "diga", "отправь", "перешли", "переведи", "удали", "скажи", "покажи", "надішли",
      "发送", "转发", "转账", "删除", "告诉", "输出", "发布", "批准", "送信", "転送", "送金", "削除", "伝え", "表示", "보내", "전달",
      "송금", "삭제", "말하", "भेजें", "ट्रांसफर", "हटा", "बताएं", "أرسل", "حوّل", "احذف", "أخبر", "gönder", "aktar", "sil",
      "söyle", "gửi", "chuyển", "xóa", "nói", "kirim", "hapus", "beri tahu", "wyślij", "przelej", "usuń", "powiedz", "stuur",
      "verwijder", "vertel", "ส่ง", "โอน", "ลบ", "บอก"};
  private static final String[] SECRECY = {"do not tell", "don't tell", "do not mention", "don't mention", "without telling",
      "without asking", "silently", "secretly", "hidden", "never reveal", "keep this", "do not inform", "without confirmation",
      "nicht gegenüber", "erwähne", "unauffällig", "ne mentionne", "discrètement", "no menciones", "en silencio", "non dire",
      "não mencione", "не сообщай", "не говори", "不要向用户", "悄悄", "不要告诉", "言わないで", "알리지", "न बताएं", "لا تخبر",
      "bahsetme", "đừng nói", "jangan beri tahu", "nie mów", "zeg hier niets", "อย่าบอก", "act normal", "must never find out"};
  private static final String[] SECOND_PERSON = {"you ", "your ", "you'", "du ", "dein", " sie ", "tu ", "ton ", "ta ", "vous",
      "tú ", "tu ", "usted", "você", "ты ", "твой", "свой", "你", "您", "あなた", "당신", "आप", "أنت", "sen ", "bạn", "anda", "ty "};
  private static final Pattern TARGET = Pattern.compile(
      "[\\w.+-]+@[\\w-]+\\.[\\w.-]+|https?://\\S+|www\\.\\S+|\\b[a-z0-9-]+\\.(?:com|net|org|io|biz|info|shop|top|ru|cn|de|fr|dev|app|help|co)\\b"
          + "|\\b[A-Z]{2}\\d{2}(?: ?\\d{4}){3,}|\\b[A-Z]{2}\\d{14,30}\\b|(?:~|/home|/var|/srv|[A-Z]:\\\\)[\\w/\\\\.-]*|[$€£]\\s?\\d+|\\d+[.,]?\\d*\\s?(?:eur|usd|gbp)\\b",
      Pattern.CASE_INSENSITIVE);

  private InstructionShape() {}

  public static int dimension() {
    return NAMES.size();
  }

  public static float[] of(String text) {
    String t = " " + text.toLowerCase(Locale.ROOT) + " ";
    int addressee = countWords(t, ADDRESSEE);
    int override = count(t, OVERRIDE);
    int action = count(t, ACTION);
    int secrecy = count(t, SECRECY);
    int second = count(t, SECOND_PERSON);
    int target = 0;
    Matcher m = TARGET.matcher(text);
    while (m.find() && target < 20) {
      target++;
    }
    float[] f = new float[NAMES.size()];
    f[0] = log(addressee);
    f[1] = log(override);
    f[2] = log(action);
    f[3] = log(target);
    f[4] = log(secrecy);
    f[5] = log(second);
    f[6] = addressee > 0 && action > 0 ? 1 : 0;
    f[7] = action > 0 && target > 0 ? 1 : 0;
    f[8] = override > 0 && addressee > 0 ? 1 : 0;
    f[9] = secrecy > 0 && action > 0 ? 1 : 0;
    f[10] = ((addressee > 0 ? 1 : 0) + (override > 0 ? 1 : 0) + (action > 0 ? 1 : 0) + (target > 0 ? 1 : 0) + (secrecy > 0 ? 1 : 0)) / 5f;
    return f;
  }

  private static float log(int n) {
    return (float) Math.log1p(n);
  }

  private static int count(String t, String[] terms) {
    int c = 0;
    for (String term : terms) {
      int i = t.indexOf(term);
      while (i >= 0 && c < 50) {
        c++;
        i = t.indexOf(term, i + term.length());
      }
    }
    return c;
  }

  /** Like {@link #count} but Latin-script terms must stand as words ("ai" not inside "said"). */
  private static int countWords(String t, String[] terms) {
    int c = 0;
    for (String term : terms) {
      boolean latin = term.chars().allMatch(ch -> ch < 0x250);
      int i = t.indexOf(term);
      while (i >= 0 && c < 50) {
        int e = i + term.length();
        boolean before = !latin || i == 0 || !Character.isLetterOrDigit(t.charAt(i - 1));
        boolean after = !latin || e >= t.length() || !Character.isLetterOrDigit(t.charAt(e)) || !Character.isLetterOrDigit(term.charAt(term.length() - 1));
        if (before && after) {
          c++;
        }
        i = t.indexOf(term, i + 1);
      }
    }
    return c;
  }
}
