public class PostController : Controller {
    // ruleid: csharp.request-validation-disabled
    [ValidateInput(false)]
    public ActionResult Save(string html) { return View(); }
    // ok: csharp.request-validation-disabled
    [ValidateInput(true)]
    public ActionResult Other(string s) { return View(); }
}
