using System.Text.Encodings.Web;

public class HomeController : Controller
{
    public IActionResult Welcome(string name)
    {
        // ruleid: csharp.tainted-html
        return Content("<h1>Welcome " + name + "</h1>", "text/html");
    }

    public IActionResult WelcomeEncoded(string name)
    {
        // ok: csharp.tainted-html
        return Content("<h1>Welcome " + HtmlEncoder.Default.Encode(name) + "</h1>", "text/html");
    }

    public IActionResult Plain([FromQuery] string name)
    {
        // ok: csharp.tainted-html
        return Content("Welcome " + name, "text/plain");
    }

    public IHtmlContent Banner([FromQuery] string text)
    {
        // ruleid: csharp.tainted-html
        return Html.Raw("<div class=\"banner\">" + text + "</div>");
    }
}
