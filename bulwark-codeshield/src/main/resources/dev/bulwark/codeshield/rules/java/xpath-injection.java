import javax.xml.xpath.*;

class Query {
    Object find(XPath xpath, String user, Object doc) throws Exception {
        // ruleid: java.xpath-injection
        XPathExpression e = xpath.compile("//user[@name='" + user + "']");
        // ruleid: java.xpath-injection
        Object r = xpath.evaluate(user, doc);
        // ok: java.xpath-injection
        XPathExpression c = xpath.compile("//user[@name=$name]");
        // ok: java.xpath-injection
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(user);
        return r;
    }
}
