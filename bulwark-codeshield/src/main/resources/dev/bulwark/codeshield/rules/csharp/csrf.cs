public class AccountController : Controller {
    // ruleid: csharp.csrf
    [HttpPost]
    public ActionResult Delete(int id) { return View(); }

    // ok: csharp.csrf
    [HttpPost]
    [ValidateAntiForgeryToken]
    public ActionResult Update(int id) { return View(); }

    // ok: csharp.csrf
    [HttpGet]
    public ActionResult Show(int id) { return View(); }
}
