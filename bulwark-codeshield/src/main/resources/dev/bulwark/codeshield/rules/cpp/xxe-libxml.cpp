void load(const char *buf, int len) {
    // ruleid: cpp.xxe-libxml
    xmlDocPtr d = xmlReadMemory(buf, len, "in.xml", NULL, XML_PARSE_NOENT | XML_PARSE_DTDLOAD);
    // ruleid: cpp.xxe-libxml
    xmlSubstituteEntitiesDefault(1);
    // ok: cpp.xxe-libxml
    xmlDocPtr s = xmlReadMemory(buf, len, "in.xml", NULL, XML_PARSE_NONET);
}
