// expect: secure
using Microsoft.AspNetCore.Mvc;
using System.IO;

public class ReportsController : Controller
{
    private static readonly string ReportDir = Path.GetFullPath("/srv/reports");

    public IActionResult Get([FromQuery] string file)
    {
        var path = Path.GetFullPath(Path.Combine(ReportDir, file));
        if (!path.StartsWith(ReportDir + Path.DirectorySeparatorChar))
        {
            return NotFound();
        }
        return Content(System.IO.File.ReadAllText(path));
    }
}
