// expect: insecure CWE-22
using Microsoft.AspNetCore.Mvc;
using System.IO;

public class ReportsController : Controller
{
    private const string ReportDir = "/srv/reports";

    public IActionResult Get([FromQuery] string file)
    {
        var path = Path.Combine(ReportDir, file);
        return Content(System.IO.File.ReadAllText(path));
    }
}
