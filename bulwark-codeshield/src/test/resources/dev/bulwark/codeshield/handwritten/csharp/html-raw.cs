// expect: insecure CWE-79
public IActionResult Welcome(string name)
{
    return Content("<h1>Welcome " + name + "</h1>", "text/html");
}
