import java.io.*;

class Loader {
    Object load(InputStream in) throws Exception {
        // ruleid: java.unsafe-deserialization
        ObjectInputStream ois = new ObjectInputStream(in);
        // ruleid: java.unsafe-deserialization
        Object o = new XMLDecoder(in).readObject();
        return ois.readObject();
    }
    void save(OutputStream out, Object o) throws Exception {
        // ok: java.unsafe-deserialization
        ObjectOutputStream oos = new ObjectOutputStream(out);
        oos.writeObject(o);
    }
}
