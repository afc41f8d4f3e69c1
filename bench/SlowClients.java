import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * Slow-header attackers for bench/load.sh --slow N (docs/PERFORMANCE.md, "HTTP server"): keeps N loopback connections
 * open, each having sent the start of a request and then nothing (issue 15's attack). When the server cuts one off
 * (its header timeout) another takes its place, until the time is up. Loopback only, bounded in count and time.
 *
 *   java bench/SlowClients.java PORT CONNECTIONS SECONDS [partial|silent]
 *
 * partial (the default) sends the start of a request; silent sends nothing at all (against a TLS port: a handshake
 * that stalls).
 *
 * Prints one line: how many connections were opened, how many the server cut off (and how many of those with an
 * answer, a 408), and how many were still open at the end (closed by this program).
 */
public class SlowClients {
  private static final byte[] PARTIAL = "POST /v1/scan HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII);

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int wanted = Integer.parseInt(args[1]);
    long end = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
    boolean silent = args.length > 3 && args[3].equals("silent");
    if (wanted < 1 || wanted > 20_000) {
      throw new IllegalArgumentException("between 1 and 20000 connections");
    }
    InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
    long opened = 0;
    long cut = 0;
    long answered = 0;
    long failed = 0;
    int open = 0;
    ByteBuffer buf = ByteBuffer.allocate(4096);
    try (Selector selector = Selector.open()) {
      while (System.nanoTime() < end) {
        while (open < wanted && System.nanoTime() < end) {
          try {
            SocketChannel ch = SocketChannel.open(server);
            if (!silent) {
              ch.write(ByteBuffer.wrap(PARTIAL));
            }
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ, new boolean[1]);
            opened++;
            open++;
          } catch (IOException refused) {
            failed++;
            Thread.sleep(10);
            break;
          }
        }
        selector.select(100);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          SocketChannel ch = (SocketChannel) key.channel();
          boolean[] gotAnswer = (boolean[]) key.attachment();
          int n;
          try {
            buf.clear();
            n = ch.read(buf);
          } catch (IOException reset) {
            n = -1;
          }
          if (n > 0) {
            gotAnswer[0] = true;
          }
          if (n < 0) {
            cut++;
            answered += gotAnswer[0] ? 1 : 0;
            key.cancel();
            ch.close();
            open--;
          }
        }
      }
      for (SelectionKey key : selector.keys()) {
        key.channel().close();
      }
    }
    System.out.println("SLOW opened=" + opened + " cut_by_server=" + cut + " answered=" + answered
        + " open_at_end=" + open + " connect_failures=" + failed);
  }
}
