using System.Xml;

class Config {
    void Read(string path, System.IO.Stream s) {
        var xmlConfig = new XmlDocument();
        // ruleid: csharp.xxe
        xmlConfig.Load(path);
        // ruleid: csharp.xxe
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };
        // ok: csharp.xxe
        var data = System.IO.File.ReadAllText(path);
    }
}
class Views {
    void Make(string filePath) {
        XmlDocument xd = new XmlDocument();
        // ruleid: csharp.xxe
        xd.Load(filePath);
        // ok: csharp.xxe
        assembly.Load(filePath);
    }
}
