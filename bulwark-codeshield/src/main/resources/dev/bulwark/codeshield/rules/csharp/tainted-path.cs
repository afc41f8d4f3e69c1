using System.IO;

public class FilesController : Controller
{
    private const string Root = "/srv/files";

    public IActionResult Download([FromQuery] string name)
    {
        var path = Path.Combine(Root, name);
        // ruleid: csharp.tainted-path
        var bytes = File.ReadAllBytes(path);
        return File(bytes, "application/octet-stream");
    }

    public IActionResult DownloadChecked(string name)
    {
        var full = Path.GetFullPath(Path.Combine(Root, name));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar))
        {
            return Forbid();
        }
        // ok: csharp.tainted-path
        return PhysicalFile(full, "application/octet-stream");
    }

    public string Preview(string name)
    {
        // ok: csharp.tainted-path
        return File.ReadAllText(Path.Combine(Root, Path.GetFileName(name)));
    }

    public void Remove(string name)
    {
        // ruleid: csharp.tainted-path
        File.Delete(Root + "/" + name);
    }
}
