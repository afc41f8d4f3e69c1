public class LinkController : Controller {
    public ActionResult Go(string returnUrl) {
        // ruleid: csharp.open-redirect
        return Redirect(returnUrl);
    }
    public ActionResult Home() {
        // ok: csharp.open-redirect
        return Redirect("/home");
    }
    public ActionResult Safe(string u) {
        if (!Url.IsLocalUrl(u)) return BadRequest();
        // ok: csharp.open-redirect
        return Redirect(u);
    }
}
