// expect: insecure CWE-78
using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

public class ToolsController : Controller
{
    [HttpGet]
    public IActionResult Dig([FromQuery] string host)
    {
        var psi = new ProcessStartInfo("/bin/sh", "-c \"dig " + host + "\"") { RedirectStandardOutput = true };
        using var p = Process.Start(psi);
        return Content(p.StandardOutput.ReadToEnd());
    }
}
