import javax.xml.parsers.*;

class Xml {
    void read(java.io.File f, org.xml.sax.helpers.DefaultHandler h) throws Exception {
        SAXParserFactory spf = SAXParserFactory.newInstance();
        SAXParser parser = spf.newSAXParser();
        // ruleid: java.xxe
        parser.parse(f, h);
        // ok: java.xxe
        int n = Integer.parseInt("42");
    }
}
