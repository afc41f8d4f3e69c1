// expect: insecure CWE-916
import java.security.MessageDigest;

public class PasswordStore {
  public byte[] hashPassword(String password) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    return md.digest(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
