class Lookup {
    XmlNode Find(XmlDocument doc, string key) {
        // ruleid: csharp.xpath-injection
        var n = doc.SelectSingleNode("property[@name='" + key + "']");
        // ruleid: csharp.xpath-injection
        var m = doc.SelectSingleNode(key);
        // ok: csharp.xpath-injection
        var f = doc.SelectSingleNode("/config/items");
        return n;
    }
}
