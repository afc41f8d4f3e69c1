class Factories {
    void setup(javax.xml.parsers.DocumentBuilderFactory dbf, javax.xml.stream.XMLInputFactory xif) throws Exception {
        // ruleid: java.xxe-enabled
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        // ruleid: java.xxe-enabled
        xif.setProperty("javax.xml.stream.isSupportingExternalEntities", true);
        // ok: java.xxe-enabled
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        // ok: java.xxe-enabled
        dbf.setFeature("http://xml.org/sax/features/external-general-entities", false);
    }
}
